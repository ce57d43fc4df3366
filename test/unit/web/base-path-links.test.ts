import type { APIGatewayProxyEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { WEB_ROUTES } from "../../../shared/config/web-routes";
import { inProcessQueryApi, type QueryApi } from "../../../shared/web/query-api";
import { requestPaths } from "../../../shared/web/request-paths";
import { createWebApp } from "../../../shared/web/web-app";
import { testApi } from "../query/support/api";
import { aRecord, itemsOf } from "../query/support/records";
import { streamed } from "./support/streamed";

/**
 * The web pages behind API Gateway are at the stage URL
 * (https://{id}.execute-api…/prod/) or under a custom domain's base path
 * mapping, never at the host's root: every link, form action and download
 * link must keep that prefix, or the browser leaves the API (a 403).
 */

/** 55 meetings (two list pages), chaired by 张三 with 李超鲲 and 甲 attending, through the real query API. */
function site(): QueryApi {
  const records = Array.from({ length: 55 }, (_, i) =>
    aRecord({
      n: i + 1,
      date: `2021-${String((i % 12) + 1).padStart(2, "0")}-10`,
      chair: { name: "张三", title: "区长" },
      attendees: ["李超鲲", "甲"],
    }),
  );
  const { handler } = testApi(itemsOf(records), records);
  return inProcessQueryApi(handler);
}

/** The route a page path matches, as API Gateway names the resource: "/meeting/{id}". */
function resourceOf(pagePath: string): string {
  const parts = pagePath.split("/").filter(Boolean);
  const route = WEB_ROUTES.find(({ path }) => {
    const template = path.split("/").filter(Boolean);
    return template.length === parts.length && template.every((t, i) => t.startsWith("{") || t === parts[i]);
  });
  if (!route) throw new Error(`no web route for ${pagePath}`);
  return route.path;
}

type Host = "execute-api" | "custom domain";

/**
 * The proxy event API Gateway sends for a browser's URL: on the execute-api
 * URL `path` lacks the stage that `requestContext.path` starts with; on a
 * custom domain both carry the base path mapping.
 */
function eventFor(url: string, host: Host, prefix: string): Partial<APIGatewayProxyEvent> {
  const { pathname, searchParams } = new URL(url, "https://example.test");
  expect(pathname.startsWith(`${prefix}/`), `${url} under ${prefix}/`).toBe(true);
  const pagePath = pathname.slice(prefix.length);
  const query = Object.fromEntries(searchParams);
  const hasQuery = Object.keys(query).length > 0;
  return {
    httpMethod: "GET",
    path: host === "execute-api" ? pagePath : pathname,
    resource: resourceOf(pagePath),
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
      : null,
    requestContext: { stage: "prod", path: pathname } as APIGatewayProxyEvent["requestContext"],
  };
}

/** Every link target (href, form action) in a page, as the browser reads it; the skip link to #main aside. */
function linksIn(page: string): string[] {
  return [...page.matchAll(/\b(?:href|action)="([^"]*)"/g)]
    .map((m) =>
      (m[1] ?? "")
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    )
    .filter((link) => !link.startsWith("#"));
}

/** Follows every same-site link from the home page, as a visitor clicking through would; returns status by URL. */
async function crawl(api: QueryApi, host: Host, prefix: string) {
  const seen = new Map<string, number>();
  const queue = [`${prefix}/`];
  while (queue.length > 0 && seen.size < 500) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    const { metadata, body } = await streamed(api, eventFor(url, host, prefix));
    seen.set(url, metadata.statusCode);
    if (!metadata.headers["Content-Type"]?.startsWith("text/html")) continue;
    for (const link of linksIn(body)) {
      if (/^https?:/.test(link)) continue; // the meeting's source page on its own site
      expect(link.startsWith(`${prefix}/`), `${link} on ${url}`).toBe(true);
      queue.push(link);
    }
  }
  expect(queue, "the crawl reached the end of the site").toHaveLength(0);
  return seen;
}

describe.each([
  ["execute-api", "/prod"],
  ["custom domain", "/docket"],
] as const)("the web pages at a base path (%s, %s)", (host, prefix) => {
  it("link every page, form and download under the base path, and every link answers 200", async () => {
    const seen = await crawl(site(), host, prefix);
    const paths = [...seen.keys()].map((url) => new URL(url, "https://example.test").pathname);
    // the whole site was reached: the list and its next page, meetings, people, both downloads
    for (const route of ["/", "/meeting/", "/person/", "/download/meetings.csv", "/download/meetings.jsonl"])
      expect(
        paths.some((p) => p.startsWith(`${prefix}${route}`)),
        route,
      ).toBe(true);
    expect([...seen.keys()].some((url) => url.includes("cursor="))).toBe(true);
    expect([...seen].filter(([, status]) => status !== 200)).toEqual([]);
  });

  it("keep the base path on error pages: a missing meeting, a bad filter, the function's own failure", async () => {
    const api = site();
    const missing = await streamed(api, eventFor(`${prefix}/meeting/rec_ffffffffffffffffffff`, host, prefix));
    const badFilter = await streamed(api, eventFor(`${prefix}/?from=yesterday`, host, prefix));
    const failing = await streamed(
      async () => {
        throw new Error("boom");
      },
      eventFor(`${prefix}/`, host, prefix),
    );
    expect([missing, badFilter, failing].map((r) => r.metadata.statusCode)).toEqual([404, 400, 500]);
    for (const { body } of [missing, badFilter, failing]) {
      expect(linksIn(body).length).toBeGreaterThan(0);
      for (const link of linksIn(body)) expect(link.startsWith(`${prefix}/`), link).toBe(true);
    }
  });
});

describe("the web pages at the host's root", () => {
  it("locally (no request context) and on a custom domain mapped at its root, link from the root as before", async () => {
    const api = site();
    const local = await createWebApp(api)({ method: "GET", path: "/", query: new URLSearchParams() });
    const rootDomain = await streamed(api, {
      httpMethod: "GET",
      path: "/",
      resource: "/",
      requestContext: { stage: "prod", path: "/" } as APIGatewayProxyEvent["requestContext"],
    });
    const localLinks = linksIn(String(local.body));
    expect(localLinks).toContain("/");
    expect(localLinks.some((link) => link.startsWith("/meeting/rec_"))).toBe(true);
    expect(localLinks.filter((link) => !link.startsWith("/"))).toEqual([]);
    expect(linksIn(rootDomain.body)).toEqual(localLinks);
  });
});

describe("requestPaths", () => {
  const person = `/person/${encodeURIComponent("李超鲲")}`;

  it("on the execute-api URL, takes the stage as the base path: /prod/meeting/x is /meeting/x under /prod", () => {
    const event = { path: "/meeting/x", resource: "/meeting/{id}", requestContext: { path: "/prod/meeting/x" } };
    expect(requestPaths(event)).toEqual({ path: "/meeting/x", basePath: "/prod" });
  });

  it("on a custom domain, takes the base path mapping from the full path, which `path` carries too", () => {
    const event = {
      path: `/docket/v1${person}`,
      resource: "/person/{name}",
      requestContext: { path: `/docket/v1${person}` },
    };
    expect(requestPaths(event)).toEqual({ path: person, basePath: "/docket/v1" });
  });

  it("answers the home page with or without the trailing slash: /prod and /prod/ are / under /prod", () => {
    for (const full of ["/prod", "/prod/"])
      expect(requestPaths({ path: "/", resource: "/", requestContext: { path: full } })).toEqual({
        path: "/",
        basePath: "/prod",
      });
  });

  it("has no base path on a custom domain mapped at its root, nor without a request context (the local server)", () => {
    expect(requestPaths({ path: person, resource: "/person/{name}", requestContext: { path: person } })).toEqual({
      path: person,
      basePath: "",
    });
    expect(requestPaths({ path: person, resource: "/person/{name}" })).toEqual({ path: person, basePath: "" });
  });
});
