import { Arg, Authorized, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import { Role } from "../../auth/roles";
import { ingestSources } from "../../ingest/run-sources";
import * as store from "../../store";
import type { Context } from "../context";
import { InputErrors } from "../input-errors";
import { AddSourceInput, RefreshSourceInput, RemoveSourceInput, UpdateSourceInput } from "../types/source.input";
import { DeletePayload } from "../types/article.payload";
import { RefreshSourcePayload, RefreshStatus, SourcePayload } from "../types/source.payload";
import { keyOf } from "./mutation-helpers";

const noSuchSource = () => new store.InvalidInputError([{ field: "id", message: "no source has this id; see the sources query" }]);

@Resolver()
@UseMiddleware(InputErrors)
export class SourceMutationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => SourcePayload, { description: "Adds a feed source, fetched by the scheduler from now on (admin)." })
  async addSource(@Ctx() { db }: Context, @Arg("input", () => AddSourceInput) input: AddSourceInput): Promise<SourcePayload> {
    const id = await store.addSource(db, { url: input.url, name: input.name, intervalSeconds: input.intervalSeconds ?? undefined });
    return { source: await store.findSourceById(db, id) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SourcePayload, { description: "Changes a source's name, URL, interval or whether it is fetched (admin)." })
  async updateSource(@Ctx() { db }: Context, @Arg("input", () => UpdateSourceInput) input: UpdateSourceInput): Promise<SourcePayload> {
    const id = keyOf(input.id, "Source");
    await store.updateSource(db, id, {
      name: input.name ?? undefined,
      url: input.url ?? undefined,
      enabled: input.enabled ?? undefined,
      intervalSeconds: input.intervalSeconds ?? undefined,
    });
    return { source: await store.findSourceById(db, id) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeletePayload, { description: "Removes a source and the articles only it lists (admin)." })
  async removeSource(@Ctx() { db }: Context, @Arg("input", () => RemoveSourceInput) input: RemoveSourceInput): Promise<DeletePayload> {
    if (!(await store.removeSource(db, keyOf(input.id, "Source")))) throw noSuchSource();
    return { deletedId: input.id };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RefreshSourcePayload, { description: "Fetches a feed source now and stores its items (admin)." })
  async refreshSource(@Ctx() { db, fetchAllowHosts, log }: Context, @Arg("input", () => RefreshSourceInput) input: RefreshSourceInput): Promise<RefreshSourcePayload> {
    const source = await store.findSourceById(db, keyOf(input.id, "Source"));
    if (!source) throw noSuchSource();
    if (!source.url) throw new store.InvalidInputError([{ field: "id", message: `source "${source.name}" has no URL: only feed sources are fetched` }]);
    const [outcome] = await ingestSources(db, [source], { concurrency: 1, allowHosts: fetchAllowHosts, log });
    if (!outcome) throw new store.InvalidInputError([{ field: "id", message: "the source is being fetched right now; ask again when that fetch is done" }]);
    return {
      source: await store.findSourceById(db, source.id),
      status: outcome.status as RefreshStatus,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      linked: outcome.linked,
      notModified: outcome.notModified,
      error: outcome.error ?? null,
      warnings: outcome.warnings,
    };
  }
}
