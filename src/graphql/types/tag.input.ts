import { ArrayMaxSize, ArrayMinSize } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsGlobalIdOf, IsTagName } from "./validators";

@InputType({ description: "A tag and its new name; the slug follows the name." })
export class RenameTagInput {
  @Field(() => ID)
  @IsGlobalIdOf("Tag")
  id!: string;

  @Field(() => String)
  @IsTagName()
  name!: string;
}

@InputType({ description: "Tags to merge into another: their articles get `into`, and they are deleted." })
export class MergeTagsInput {
  @Field(() => [ID])
  @ArrayMinSize(1, { message: "must name at least one tag" })
  @ArrayMaxSize(100, { message: "must list at most 100 tags" })
  @IsGlobalIdOf("Tag", { each: true })
  from!: string[];

  @Field(() => ID)
  @IsGlobalIdOf("Tag")
  into!: string;
}
