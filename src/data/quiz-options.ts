// The verification quiz's options, in English and Korean (the questions are the seed's: quiz.ts
// puts them together). Each wrong option is a belief a learner really holds — the ones the
// exercises' checks catch — and each explanation names the command that settles it.
import { lab } from './lab-command-line.ts';

export type Lang = 'en' | 'ko';
export type Text = Record<Lang, string>;

export interface BilingualOption {
  text: Text;
  correct: boolean;
  why: Text;
}

export interface BilingualQuestion {
  howToCheck: Text;
  options: BilingualOption[];
}

const check = (n: string) => `npm run check ${n}`;

export const evidence: BilingualQuestion[] = [
  {
    howToCheck: {
      en: `${lab('map apigw-v1-named-stage')} names every loss; ${lab('conformance')} runs the 25 real upstream events.`,
      ko: `${lab('map apigw-v1-named-stage')}가 손실마다 이름을 붙이고, ${lab('conformance')}가 실제 upstream event 25개를 실행합니다.`,
    },
    options: [
      {
        text: {
          en: 'The app answers 200 to a GET on its health route.',
          ko: '앱이 health route의 GET에 200으로 응답한다.',
        },
        correct: false,
        why: {
          en: `A mapping loss is usually a 200 with the wrong data: with default options ${lab('conformance')} finds a loss on every event.`,
          ko: `mapping 손실은 대개 잘못된 데이터가 담긴 200입니다. 기본 옵션에서 ${lab('conformance')}는 모든 event에서 손실을 찾습니다.`,
        },
      },
      {
        text: {
          en: 'For each event shape, Nest and the client see what was sent.',
          ko: 'event 형태마다 Nest와 client가 보낸 그대로를 본다.',
        },
        correct: true,
        why: {
          en: `Right: ${lab('map <sample>')} prints the event, the request Nest saw and the result side by side, and names each loss.`,
          ko: `맞습니다. ${lab('map <sample>')}은 event, Nest가 본 request, 결과를 나란히 출력하고 손실마다 이름을 붙입니다.`,
        },
      },
      {
        text: {
          en: "Nest's global prefix is set to the stage's name, so the routes match.",
          ko: 'Nest의 global prefix를 stage 이름으로 설정해서 route가 맞는다.',
        },
        correct: false,
        why: {
          en: `A prefix fixes one named stage on an HTTP API and breaks REST and $default, whose path has no stage: compare ${lab('map apigw-v1-named-stage')}.`,
          ko: `prefix는 HTTP API의 이름 있는 stage 하나만 고치고, path에 stage가 없는 REST와 $default를 망가뜨립니다. ${lab('map apigw-v1-named-stage')}와 비교해 보세요.`,
        },
      },
      {
        text: {
          en: 'Every response body is sent base64-encoded, so no byte is lost.',
          ko: '모든 response body를 base64로 보내므로 바이트가 사라지지 않는다.',
        },
        correct: false,
        why: {
          en: `That fixes binary bodies only, a third larger; cookies and repeated headers are still lost: ${lab('map alb-single-value')}.`,
          ko: `그것은 binary body만 고치고 크기가 3분의 1 커집니다. cookie와 반복된 header는 여전히 사라집니다. ${lab('map alb-single-value')}`,
        },
      },
    ],
  },
  {
    howToCheck: {
      en: `${lab('invoke apigw-v2-get --repeat 3')}: only the first REPORT line has Init Duration, and the warm Duration is a small fraction of the cold one.`,
      ko: `${lab('invoke apigw-v2-get --repeat 3')}: 첫 REPORT 줄에만 Init Duration이 있고, warm Duration은 cold의 작은 일부입니다.`,
    },
    options: [
      {
        text: {
          en: 'The handler keeps the Nest app in a module variable once it is built.',
          ko: 'handler가 만들어진 Nest 앱을 module 변수에 보관한다.',
        },
        correct: false,
        why: {
          en: `Keeping the built app lets two calls that arrive during the build start two; keep the promise. ${check('01')} sends them.`,
          ko: `만들어진 앱을 보관하면 빌드 중에 도착한 두 호출이 bootstrap을 두 번 시작합니다. promise를 보관하세요. ${check('01')}이 그런 호출을 보냅니다.`,
        },
      },
      {
        text: {
          en: 'Calls in a row: only the first has an Init Duration.',
          ko: '연달아 호출하면 첫 호출에만 Init Duration이 있다.',
        },
        correct: true,
        why: {
          en: `Right: in ${lab('invoke apigw-v2-get --repeat 3')} only the first call prints the bootstrap and has Init Duration.`,
          ko: `맞습니다. ${lab('invoke apigw-v2-get --repeat 3')}에서 bootstrap을 출력하고 Init Duration이 있는 것은 첫 호출뿐입니다.`,
        },
      },
      {
        text: {
          en: 'The bundle is under 1 MB, so the bootstrap is cheap anyway.',
          ko: 'bundle이 1 MB보다 작으니 bootstrap은 어차피 싸다.',
        },
        correct: false,
        why: {
          en: `Size changes how long a cold start takes, not whether it repeats: ${lab('invoke apigw-v2-get --repeat 2 --unbundled')} is cold once too.`,
          ko: `크기는 cold start가 얼마나 걸리는지를 바꿀 뿐, 반복되는지는 바꾸지 않습니다. ${lab('invoke apigw-v2-get --repeat 2 --unbundled')}도 cold는 한 번입니다.`,
        },
      },
      {
        text: {
          en: 'Provisioned concurrency is on, so no call ever pays a cold start.',
          ko: 'provisioned concurrency가 켜져 있으니 cold start를 치르는 호출은 없다.',
        },
        correct: false,
        why: {
          en: `It runs the init early, but a handler that rebuilds the app per call still rebuilds it: the warm Duration in ${lab('invoke apigw-v2-get --repeat 3')} shows it.`,
          ko: `init을 미리 실행할 뿐, 호출마다 앱을 다시 만드는 handler는 여전히 다시 만듭니다. ${lab('invoke apigw-v2-get --repeat 3')}의 warm Duration이 보여 줍니다.`,
        },
      },
    ],
  },
  {
    howToCheck: {
      en: `${lab('leak --variant buggy')} then ${lab('leak --variant fixed')}: two users on one warm container, does B ever see A?`,
      ko: `${lab('leak --variant buggy')} 다음 ${lab('leak --variant fixed')}: 한 warm 컨테이너에서 두 사용자, B가 A를 보는가?`,
    },
    options: [
      {
        text: {
          en: 'Two users in turn on one warm container: neither sees the other.',
          ko: '한 warm 컨테이너에서 두 사용자가 차례로 호출해도 서로를 보지 않는다.',
        },
        correct: true,
        why: {
          en: `Right: ${lab('leak --variant buggy')} does exactly that and catches alice's name in an anonymous caller's answer.`,
          ko: `맞습니다. ${lab('leak --variant buggy')}가 바로 그렇게 해서 익명 호출자의 응답에서 alice의 이름을 잡아냅니다.`,
        },
      },
      {
        text: {
          en: 'Every unit test of the service passes, each with a fresh instance.',
          ko: 'service의 모든 unit test가 매번 새 인스턴스로 통과한다.',
        },
        correct: false,
        why: {
          en: `A fresh instance per test never carries state into a next call; only a warm container does: ${lab('leak --variant buggy')}.`,
          ko: `테스트마다 새 인스턴스를 쓰면 상태가 다음 호출로 넘어가지 않습니다. 그런 일은 warm 컨테이너에서만 일어납니다. ${lab('leak --variant buggy')}`,
        },
      },
      {
        text: {
          en: 'The field is cleared at the start of every request.',
          ko: '요청이 시작될 때마다 guard에서 그 필드를 비워 둔다.',
        },
        correct: false,
        why: {
          en: `Clearing fails when two requests share an environment at once, and un-awaited work still writes to it: ${lab('leak --variant buggy')} shows both.`,
          ko: `두 요청이 한 환경을 동시에 쓰면 비우기는 실패하고, await하지 않은 작업도 여전히 필드에 씁니다. ${lab('leak --variant buggy')}가 둘 다 보여 줍니다.`,
        },
      },
      {
        text: {
          en: 'The provider is marked @Injectable(), so Nest manages its lifetime.',
          ko: 'provider에 @Injectable()이 붙어 있으니 Nest가 수명을 관리한다.',
        },
        correct: false,
        why: {
          en: `With the default scope Nest manages it as a singleton, alive as long as the container: ${lab('leak --variant buggy')}.`,
          ko: `기본 scope에서 Nest는 그것을 컨테이너가 사는 동안 살아 있는 singleton으로 관리합니다. ${lab('leak --variant buggy')}`,
        },
      },
    ],
  },
];
