// The handler shape of NestJS's serverless recipe (docs.nestjs.com/faq/serverless): a third
// `callback` parameter. nodejs24.x refuses it at init (Runtime.CallbackHandlerDeprecated), and so
// does the lab: `npm run lab -- invoke health --handler lab/examples/nest-recipe-handler.mjs`.
export const handler = async (event, context, callback) => {
  return { statusCode: 200, body: 'hello' };
};
