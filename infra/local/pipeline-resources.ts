/** Names of the local resources; `stage` keeps two local pipelines in one emulator apart. */
export function localResourceNames(stage: string) {
  const base = `docket-${stage}`;
  return {
    rawBucket: `${base}-raw`,
    artifactsBucket: `${base}-artifacts`,
    pageEventsQueue: `${base}-page-events`,
    pageEventsDlq: `${base}-page-events-dlq`,
    recordsQueue: `${base}-records`,
    recordsDlq: `${base}-records-dlq`,
    ingestTopic: `${base}-ingest-events`,
    table: `${base}-table`,
  } as const;
}
