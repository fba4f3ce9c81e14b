import { IsInt, IsOptional, Max, Min, ValidateIf } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { IsGlobalIdOf, IsHttpUrl, IsText } from "./validators";

const INTERVAL = { min: 60, max: 86_400 };
const intervalMessage = { message: `must be whole seconds from ${INTERVAL.min} to ${INTERVAL.max}` };

@InputType({ description: "A feed (RSS, Atom or JSON Feed) to fetch; it is due at once." })
export class AddSourceInput {
  @Field(() => String, { description: "The feed's address, http or https." })
  @IsHttpUrl()
  url!: string;

  @Field(() => String, { nullable: true, description: "Shown until the first fetch; the feed's title replaces a missing one." })
  @IsOptional()
  @IsText(1, 200)
  name?: string | null;

  @Field(() => Int, { nullable: true, description: `Seconds between fetches, ${INTERVAL.min}..${INTERVAL.max}; 900 when not given.` })
  @IsOptional()
  @IsInt(intervalMessage)
  @Min(INTERVAL.min, intervalMessage)
  @Max(INTERVAL.max, intervalMessage)
  intervalSeconds?: number | null;
}

@InputType({ description: "A source and what to change; fields left out stay as they are." })
export class UpdateSourceInput {
  @Field(() => ID)
  @IsGlobalIdOf("Source")
  id!: string;

  @Field(() => String, { nullable: true })
  @ValidateIf((input: UpdateSourceInput) => input.name !== undefined)
  @IsText(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "A feed's new address; the source is due at once." })
  @ValidateIf((input: UpdateSourceInput) => input.url !== undefined)
  @IsHttpUrl()
  url?: string | null;

  @Field(() => Boolean, { nullable: true, description: "false stops fetching; true makes the source due at once." })
  @IsOptional()
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt(intervalMessage)
  @Min(INTERVAL.min, intervalMessage)
  @Max(INTERVAL.max, intervalMessage)
  intervalSeconds?: number | null;
}

@InputType({ description: "A source to remove; its articles that no other source lists go with it." })
export class RemoveSourceInput {
  @Field(() => ID)
  @IsGlobalIdOf("Source")
  id!: string;
}

@InputType({ description: "A feed source to fetch now." })
export class RefreshSourceInput {
  @Field(() => ID)
  @IsGlobalIdOf("Source")
  id!: string;
}
