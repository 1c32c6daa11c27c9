import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { span } from '../common/trace.ts';

const SET_COOKIES = [
  'session=abc123; Path=/; HttpOnly; Secure',
  'theme=dark; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
];
const REPEATED = ['one', 'two'];

/**
 * The response half of event mapping: two Set-Cookie headers (one with a comma in its Expires,
 * so they cannot be joined) and a header repeated twice. The body says what was sent, so a
 * client (and `lab map`) can check what arrived.
 */
@Controller('cookies')
export class CookiesController {
  @Get()
  setTwo(@Res({ passthrough: true }) response: Response) {
    return span('provider', () => {
      response.setHeader('Set-Cookie', SET_COOKIES);
      for (const value of REPEATED) response.append('X-Lab-Repeated', value);
      return { setCookie: SET_COOKIES, repeated: { 'x-lab-repeated': REPEATED } };
    });
  }
}
