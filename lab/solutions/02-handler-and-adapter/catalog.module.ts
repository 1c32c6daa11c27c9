// The exercise's small Nest app. You don't need to edit this file.
import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, Get, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';

/** Loading the catalogue (an object from S3, a table read) takes this long, in onModuleInit. */
const CATALOG_LOAD_MS = 100;

/** How many times this environment has built the app: module scope lives as long as the environment. */
let builds = 0;

@Injectable()
export class CatalogService implements OnModuleInit {
  /** The build this provider belongs to: Nest creates the singleton once per app it builds. */
  readonly build = ++builds;
  private items: string[] | null = null;

  /** Nest runs this hook in app.init(), not in NestFactory.create(). */
  async onModuleInit(): Promise<void> {
    await sleep(CATALOG_LOAD_MS);
    this.items = ['boundary map', 'reuse map', 'timeout budget'];
  }

  list(): string[] | null {
    return this.items;
  }
}

@Controller('catalog')
export class CatalogController {
  constructor(@Inject(CatalogService) private readonly catalog: CatalogService) {}

  @Get()
  list() {
    // null while onModuleInit has not finished: the request came in before app.init() resolved.
    return { items: this.catalog.list(), build: this.catalog.build };
  }
}

@Module({ controllers: [CatalogController], providers: [CatalogService] })
export class CatalogModule {}
