import { describe, expect, it } from 'vitest';
import { reportLine } from '../../lab/runtime/log-lines.ts';
import { findReport, parseReportLine } from '../../lab/remote/report-line.ts';

// REPORT lines as AWS wrote them, quoted, not made up. Where each comes from is named beside it.
describe('the REPORT line parser', () => {
  it('reads a cold start with Init Duration and X-Ray fields (AWS docs, nodejs-logging.html, "Example log format")', () => {
    const line =
      'REPORT RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true';
    expect(parseReportLine(line)).toEqual({
      requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac',
      durationMs: 128.83,
      billedDurationMs: 200,
      memorySizeMb: 128,
      maxMemoryUsedMb: 74,
      initDurationMs: 166.62,
    });
  });

  it('reads a warm call from a decoded LogResult tail, spaces for tabs (AWS docs, nodejs-logging.html, "decode the logs")', () => {
    const tail = [
      'START RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8 Version: $LATEST',
      'END RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8',
      'REPORT RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8  Duration: 79.67 ms      Billed Duration: 80 ms         Memory Size: 128 MB     Max Memory Used: 73 MB',
    ];
    expect(findReport(tail)).toEqual({
      requestId: '57f231fb-1730-4395-85cb-4f71bd2b87b8',
      durationMs: 79.67,
      billedDurationMs: 80,
      memorySizeMb: 128,
      maxMemoryUsedMb: 73,
      initDurationMs: null,
    });
  });

  it('reads a CloudWatch event message with its trailing tab and newline (AWS docs, nodejs-logging.html, get-log-events output)', () => {
    const message =
      'REPORT RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf\tDuration: 26.73 ms\tBilled Duration: 27 ms \tMemory Size: 128 MB\tMax Memory Used: 75 MB\t\n';
    expect(parseReportLine(message)).toMatchObject({ durationMs: 26.73, billedDurationMs: 27, initDurationMs: null });
    expect(parseReportLine(message)?.status).toBeUndefined();
  });

  it('reads a timeout: Status: timeout (observed: AJ Stuyvenberg, aaronstuyvenberg.com, on the init-timeout "doom loop")', () => {
    // No AWS page quotes a timed-out REPORT line in full; this one was copied from CloudWatch.
    const line =
      'REPORT RequestId: 13222b1e-f16b-4550-89df-869ab0a9806d\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 1024 MB\tMax Memory Used: 64 MB\tStatus: timeout';
    expect(parseReportLine(line)).toEqual({
      requestId: '13222b1e-f16b-4550-89df-869ab0a9806d',
      durationMs: 3000,
      billedDurationMs: 3000,
      memorySizeMb: 1024,
      maxMemoryUsedMb: 64,
      initDurationMs: null,
      status: 'timeout',
    });
  });

  it('reads an out-of-memory kill: Status: error, Error Type: Runtime.OutOfMemory (observed in CloudWatch, 2025-07-29, quoted in a public repository)', () => {
    // The memory setting is a hard limit (AWS docs, configuration-memory.html); the line itself is observed.
    const line =
      'REPORT RequestId: 806ab12b-e660-4a4a-8d9a-eee01e457f98\tDuration: 376256.59 ms\tBilled Duration: 376257 ms\tMemory Size: 10239 MB\tMax Memory Used: 10239 MB\tInit Duration: 551.73 ms\tStatus: error\tError Type: Runtime.OutOfMemory';
    expect(parseReportLine(line)).toEqual({
      requestId: '806ab12b-e660-4a4a-8d9a-eee01e457f98',
      durationMs: 376256.59,
      billedDurationMs: 376257,
      memorySizeMb: 10239,
      maxMemoryUsedMb: 10239,
      initDurationMs: 551.73,
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
    });
  });

  it('reads the JSON log format\'s platform.report (AWS docs, telemetry-schema-reference.html, "example Event of type platform.report")', () => {
    // Quoted but for the page's trailing comma after requestId, which no JSON parser takes.
    const event = {
      time: '2022-10-12T00:01:15.000Z',
      type: 'platform.report',
      record: {
        metrics: {
          billedDurationMs: 694,
          durationMs: 693.92,
          initDurationMs: 397.68,
          maxMemoryUsedMB: 84,
          memorySizeMB: 128,
        },
        requestId: '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa',
      },
    };
    expect(parseReportLine(JSON.stringify(event))).toEqual({
      requestId: '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa',
      durationMs: 693.92,
      billedDurationMs: 694,
      memorySizeMb: 128,
      maxMemoryUsedMb: 84,
      initDurationMs: 397.68,
    });
    const timedOut = { ...event, record: { ...event.record, status: 'timeout' } };
    expect(parseReportLine(JSON.stringify(timedOut))?.status).toBe('timeout');
    const oom = { ...event, record: { ...event.record, status: 'error', errorType: 'Runtime.OutOfMemory' } };
    expect(parseReportLine(JSON.stringify(oom))).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory' });
  });

  it("reads every REPORT the lab itself writes, so the two columns of --compare come from one parser's view", () => {
    const requestId = '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3';
    const base = { requestId, durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 512, maxMemoryUsedMb: 98 };
    expect(parseReportLine(reportLine({ ...base, initDurationMs: 401.5 }))).toEqual({ ...base, initDurationMs: 401.5 });
    expect(parseReportLine(reportLine({ ...base, initDurationMs: null, status: 'timeout' }))).toEqual({
      ...base,
      initDurationMs: null,
      status: 'timeout',
    });
  });

  it('ignores lines that are not a REPORT: START, END, app lines, other platform events, half a REPORT', () => {
    for (const line of [
      'START RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8 Version: $LATEST',
      'END RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8',
      '2019-06-07T19:11:20.564Z\tc793869b-ee49-115b-a5b6-4fd21e8dedac\tWARN\tEvent not processed.',
      '{"time":"2022-10-12T00:00:15.064Z","type":"platform.start","record":{"requestId":"6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","version":"$LATEST"}}',
      'REPORT RequestId: 57f231fb-1730-4395-85cb-4f71bd2b87b8  Duration: 79.67 ms',
      '{"type":"platform.report","record":{"requestId":"x","metrics":{"durationMs":"1"}}}',
      '{not json',
    ])
      expect(parseReportLine(line), line).toBeUndefined();
    expect(findReport([])).toBeUndefined();
  });
});
