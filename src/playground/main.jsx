import "./monaco-workers.js";
import { createGraphiQLFetcher, StorageAPI } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import exampleTabs from "newsgate:example-tabs";
import "graphiql/style.css";
import "./playground.css";

// The page is served at the GraphQL endpoint itself, so operations go to the same address.
const endpoint = new URL(window.location.pathname, window.location.href).href;
const fetcher = createGraphiQLFetcher({ url: endpoint });

// GraphiQL opens the first default tab with its query but without its variables; on a first
// visit (no saved tabs yet) they are handed over as the initial variables instead.
const firstVisit = new StorageAPI().get("tabState") === null;

createRoot(document.getElementById("playground")).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={exampleTabs}
    initialVariables={firstVisit ? exampleTabs[0].variables : undefined}
    defaultEditorToolsVisibility="variables"
  >
    <GraphiQL.Logo>Newsgate</GraphiQL.Logo>
  </GraphiQL>,
);
