import "reflect-metadata";
import { loadConfig } from "./src/config";
import { createDataSource } from "./src/db/data-source";

/**
 * The DataSource for the TypeORM CLI (e.g. `npx typeorm migration:show -d dist/ormconfig.js`),
 * configured by DATABASE_URL like the server. The app and the tests build theirs with
 * `createDataSource` from the same settings.
 */
export default createDataSource(loadConfig().database);
