// The boundary map's node descriptions for the Korean lessons (BoundaryMap lang="ko"). Where the
// Korean original says it (its four stations and its flow line), these are its words.
import type { NodeId } from './boundary-map.ts';

/** The boxes' second lines, where the English one is a phrase rather than a kept term. */
export const subsKo: Partial<Record<NodeId, string>> = {
  db: 'timeout 예산',
};

export const descriptionsKo: Record<NodeId, string> = {
  apigw: 'stage, path, headers, body가 Lambda handler 입력으로 들어온다.',
  handler: 'Lambda handler와 adapter가 event를 Nest가 이해하는 request/response 형태로 바꾼다.',
  cold: 'cold start에서 bundle load + NestFactory가 앱과 adapter를 만들고 adapter cache를 생성한다. warm invocation은 이를 재사용한다.',
  warm: 'warm invocation: cold start에서 만든 cached server를 재사용하고, bootstrap은 실행되지 않는다.',
  adapter: 'adapter가 event를 request로 변환하고 응답 mapping 규칙을 적용한다.',
  scope:
    '요청별 상태는 이 경계 안에서 끝낸다. guard, pipe, interceptor가 여기서 실행되며, request 상태는 invocation 밖으로 새면 안 된다.',
  controller: 'controller: route handler와 DTO validation.',
  provider: 'provider: service / repo. connection pool은 warm invocation 사이에 재사용한다.',
  db: 'DB / Queue: 호출마다 timeout 예산의 일부를 쓴다.',
  response: 'response: status와 body를 API Gateway가 기대하는 형태로 다시 mapping한다.',
};
