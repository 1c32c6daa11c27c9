// The Korean text of each exercise's title and two hints, beside the English in lab/exercises.json.
// Keyed by the exercise folder's name without its number ("cache-the-bootstrap"), so renumbering
// the exercises does not touch it; the site tests check every manifest entry has its translation.
export interface ExerciseTextKo {
  title: string;
  hint: string;
  more: string;
}

export const exercisesKo: Record<string, ExerciseTextKo> = {
  'cache-the-bootstrap': {
    title: 'bootstrap cache하기',
    hint: '한 환경의 호출과 호출 사이에 살아남는 곳, module scope를 보세요. 거기에 무엇을 보관해야 할까요, 앱일까요 앱의 promise일까요? 그리고 reject된 promise는 어떻게 될까요?',
    more: 'module scope의 변수는 한 환경의 호출 사이에 살아남습니다. bootstrap()이 반환하는 promise를(그것이 resolve하는 앱이 아니라) 거기에 저장하면, 빌드 도중에 도착한 두 번째 호출도 같은 promise를 await합니다. .catch에서는 다시 throw하기 전에 변수를 비우세요.',
  },
  'init-phase': {
    title: 'init 단계와 첫 호출',
    hint: 'Lambda의 init 단계는 handler module이 로드되는 동안만 이어집니다. 여러분의 bootstrap은 어디서 실행되나요? module이 로드되는 동안일까요, 그 뒤일까요?',
    more: 'Lambda의 init 단계는 handler module이 로드되는 동안 이어집니다. module scope에서 시작만 한 promise는 로드가 끝나도 아직 실행 중입니다. module 최상위의 `const proxy = await bootstrap();`은 앱이 만들어질 때까지 로드를, 그래서 init 단계를 이어 갑니다.',
  },
  'event-mapping': {
    title: 'event mapping 고치기',
    hint: 'event가 말하는 것(requestContext.stage, multiValueHeaders, response의 content-type)과 Express가 받는 것을 비교하세요. 손실마다 proxy() 전에, 또는 configure()의 binarySettings에서 고치세요.',
    more: "손실마다 작은 함수를 하나씩 쓰고 proxy() 전에 event에 적용하세요. rawPath 앞의 `/${event.requestContext.stage}`를 떼고(HTTP API v2, $default가 아닐 때), multiValueHeaders.cookie를 [lines.join('; ')]로 바꿉니다. body에는 `configure({ app, binarySettings: { isBinary: ({ headers }: { headers: Record<string, unknown> }) => !/^text\\/|json/.test(String(headers['content-type'])) } })`. isBinary의 type이 Function이라 매개변수에 따로 type을 붙여야 합니다.",
  },
  'request-scope': {
    title: 'request scope 지키기',
    hint: 'provider는 singleton입니다. 한 환경이 처리하는 모든 호출이 한 객체를 씁니다. 호출별 상태는 어디에 둘 수 있을까요? 그리고 응답을 보낸 뒤에 실행되는 것은 무엇일까요?',
    more: '`name`을 currentInvocation().user 위의 getter/setter로 바꾸거나(AsyncLocalStorage: 호출마다 자기 객체가 있습니다), CurrentUser를 @Injectable({ scope: Scope.REQUEST })로 표시하세요. request id도 currentInvocation()에서 읽고, audit 호출은 `void` 대신 `await`하세요.',
  },
  'the-pool': {
    title: 'pool 다루기',
    hint: 'pool은 얼마나 오래 살고, 한 환경은 connection을 몇 개 가져도 될까요? 그리고 서버가 idle connection을 닫으면 어떻게 될까요?',
    more: "`new pg.Pool(...)`을 module scope로 옮겨 환경이 사는 동안 살게 하고 `max: 1`로 두세요(환경마다 한 번에 요청 하나, query 세 개는 차례로 실행합니다). `pool.on('error', ...)`를 추가하세요. listener가 없으면 서버가 닫은 idle connection이 처리되지 않은 'error' 이벤트가 되어 프로세스를 죽입니다.",
  },
  'timeout-budget': {
    title: 'timeout 예산',
    hint: 'query의 시간 제한은 이 호출을 끝내는 시계(context)에서 와야 하고, 그 제한은 데이터베이스가 지켜야 합니다. 취소된 뒤 connection은 어떤 상태일까요?',
    more: "currentInvocation().context.getRemainingTimeInMillis()에서 여유(수백 밀리초)를 뺀 값이 query가 쓸 수 있는 최대 시간입니다. 그 값을 `set local statement_timeout`에 쓰세요. code가 '57014'(query_canceled)인 에러를 잡아 ServiceUnavailableException(503)을 throw하세요.",
  },
  'idempotent-retries': {
    title: 'idempotent한 retry',
    hint: 'retry는 같은 요청이 다시 오는 것입니다. 작업 전에 key를 선점하고, 작업과 그 기록을 한 트랜잭션으로 묶으세요.',
    more: "먼저 key를 선점하세요: `insert into idempotency_records ... on conflict (key) do nothing`(또는 만료되었을 때만 넘겨받기). 0행이면 중복입니다. 작업과 `update ... set status = 'COMPLETE', response = $2`를 한 client의 한 트랜잭션에서 하세요. 중복 요청은 기록을 다시 읽습니다. COMPLETE면 응답을 재생하고, INPROGRESS면 409, payload hash가 다르면 422입니다.",
  },
  'cold-path-diet': {
    title: 'cold path 다이어트',
    hint: 'GET /invoices/:id만 처리하는 cold start에서 어떤 코드가 실행될까요? 그 비용은 init에서 첫 호출로 옮겨 가는 것이 아니라 그 경로에서 빠져야 합니다.',
    more: "정적 import는 handler가 로드되는 동안, 즉 init 단계에서 import한 module의 최상위 코드를 실행합니다. PDF route 안에서 `const { renderPdf } = await import('./pdf-engine.ts');`로 그 비용을 첫 PDF 요청으로 미루세요(route를 async로). bundler도 그 module을 lazy로 둡니다.",
  },
};

/** The exercise folder's name without its number: "01-cache-the-bootstrap" → "cache-the-bootstrap". */
export const exerciseKey = (dir: string): string => dir.replace(/^\d\d-/, '');
