// Every AWS (and library) behaviour a lesson states links to the page that documents it, so a
// learner can check it and a reviewer can see when AWS changes it. Each claim below is a pattern
// that finds the statement in a lesson's prose (English and Korean: the Korean edition keeps the
// product names and identifiers) and the link that must then be on the same page. Lab output
// blocks are left out: they are what the lab printed, not a statement of the lesson's.
import { describe, expect, it } from 'vitest';
import { assertBuilt, lessonSlugs, mainText, pageHtml } from './dist.ts';

interface Claim {
  /** What the lesson states, in a few words (the test's message). */
  about: string;
  /** Finds the statement in the page's prose. */
  pattern: RegExp;
  /** A link on the page must start with one of these. */
  sources: string[];
}

const LAMBDA = 'https://docs.aws.amazon.com/lambda/latest/dg/';
const APIGW = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/';

export const CLAIMS: Claim[] = [
  {
    about: 'the execution environment is frozen between calls, reset after a timeout, init limited to 10 s',
    pattern: /\bfrozen\b|\bfreezes?\b|suppressed init|\b10 s\b/i,
    sources: [`${LAMBDA}lambda-runtime-environment.html`],
  },
  {
    about: 'INIT is billed for on-demand ZIP functions since 1 August 2025',
    pattern: /(INIT|init (phase|단계))[^.]{0,80}(billed|과금)|(billed|과금)[^.]{0,80}(INIT|init (phase|단계))/,
    sources: ['https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/'],
  },
  {
    about: 'Lambda Managed Instances: many invocations per environment, no freeze',
    pattern: /Managed Instances/,
    sources: [`${LAMBDA}lambda-managed-instances`],
  },
  {
    about: 'Lambda Web Functions: an HTTP server, many requests per environment, its own request timeout',
    pattern: /Web Functions?\b/,
    sources: [`${LAMBDA}web-functions-`],
  },
  {
    about: 'API Gateway integration timeouts (REST 29 s, raisable; HTTP API 30 s)',
    pattern: /integration timeout|\b29 s\b/i,
    sources: [`${APIGW}limits.html`, `${APIGW}http-api-quotas.html`],
  },
  {
    about: 'HTTP API answers a function error with 500 and its own timeout with 503',
    pattern: /HTTP API[^.]{0,120}\b50[03]\b/,
    sources: [`${APIGW}http-api-troubleshooting-lambda.html`, `${APIGW}http-api-quotas.html`],
  },
  {
    about: 'REST API binary needs binaryMediaTypes and the first Accept type',
    pattern: /binaryMediaTypes/,
    sources: [`${APIGW}api-gateway-payload-encodings`],
  },
  {
    about: 'the 6 MB synchronous payload limit',
    pattern: /\b6 MB\b/,
    sources: [`${LAMBDA}gettingstarted-limits.html`],
  },
  {
    about: 'asynchronous invocations are retried by Lambda with the same request id',
    pattern: /async(hronous)? (invocation|retr)|비동기 (호출|retry)/i,
    sources: [`${LAMBDA}invocation-async-error-handling.html`],
  },
  {
    about: 'reserved concurrency caps the fan-out',
    pattern: /reserved concurrency/i,
    sources: [`${LAMBDA}configuration-concurrency.html`],
  },
  {
    about: 'provisioned concurrency runs the init ahead of requests',
    pattern: /provisioned concurrency/i,
    sources: [`${LAMBDA}provisioned-concurrency.html`],
  },
  {
    about: 'Lambda gives CPU in proportion to memory',
    pattern: /\bCPU\b[^.]{0,60}(memory|메모리)|(memory|메모리)[^.]{0,60}\bCPU\b/i,
    sources: [`${LAMBDA}configuration-memory.html`],
  },
  {
    about: 'RDS Proxy and its pinning',
    pattern: /RDS Proxy/,
    sources: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy'],
  },
  {
    about: 'nodejs24.x refuses callback handlers',
    pattern: /CallbackHandlerDeprecated/,
    sources: ['https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/'],
  },
  {
    about: "node-postgres's query_timeout only rejects on the client",
    pattern: /query_timeout/,
    sources: ['https://github.com/brianc/node-postgres/'],
  },
  {
    about: 'PostgreSQL statement_timeout cancels the query on the server',
    pattern: /statement_timeout/,
    sources: ['https://www.postgresql.org/docs/'],
  },
  {
    about: "serverless-express's behaviour, by its issue or source",
    pattern: /serverless-express#\d+|\(#\d{2,}\)/,
    sources: ['https://github.com/CodeGenieApp/serverless-express/'],
  },
  {
    about: 'the Lambda Web Adapter',
    pattern: /Lambda Web Adapter/,
    sources: ['https://github.com/awslabs/aws-lambda-web-adapter'],
  },
  {
    about: 'Powertools for AWS Lambda (TypeScript)',
    pattern: /Powertools (Logger|Tracer|for AWS)/,
    sources: ['https://docs.powertools.aws.dev/lambda/typescript/'],
  },
];

const PRE = /<pre\b[\s\S]*?<\/pre>/g;

/** The links in a page's main content. */
function links(html: string): string[] {
  const main = /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return [...main.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** The claims a page states without linking a source for them. */
export function unsourced(html: string): string[] {
  // Expressive Code's copy button repeats the block in an attribute, with raw `>`s: drop it first.
  const prose = mainText(html.replace(/\sdata-code="[^"]*"/g, '').replace(PRE, ' '));
  const hrefs = links(html);
  return CLAIMS.filter(({ pattern }) => pattern.test(prose))
    .filter(({ sources }) => !hrefs.some((href) => sources.some((source) => href.startsWith(source))))
    .map(({ about, sources }) => `${about} — link ${sources.join(' or ')}`);
}

describe('sources of the lessons’ claims', () => {
  it('finds an unsourced claim, and accepts it once its page links the source', () => {
    const claim = '<main><p>A REST API binary response needs binaryMediaTypes.</p></main>';
    expect(unsourced(claim)).toHaveLength(1);
    const linked = claim.replace(
      '</p>',
      ` <a href="${APIGW}api-gateway-payload-encodings.html">Binary media types</a></p>`,
    );
    expect(unsourced(linked)).toEqual([]);
    // Lab output is not the lesson's statement.
    expect(unsourced('<main><pre data-language="text">binaryMediaTypes</pre></main>')).toEqual([]);
  });

  it('links, on every lesson page in both editions, the source of every behaviour it states', () => {
    assertBuilt();
    const missing: string[] = [];
    for (const slug of lessonSlugs()) {
      for (const page of [slug, `ko/${slug}`]) {
        for (const claim of unsourced(pageHtml(page))) missing.push(`${page}: ${claim}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
