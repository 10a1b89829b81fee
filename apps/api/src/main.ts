import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { appConfigFrom } from './config/app-config';

async function bootstrap(): Promise<void> {
  const config = appConfigFrom(process.env);
  const app = await NestFactory.create(AppModule.forRoot(config));
  app.enableShutdownHooks();
  await app.listen(config.port);
  const where = config.eventStore.kind === 'sqlite' ? config.eventStore.sqlitePath : config.eventStore.kind;
  Logger.log(`mandate-ledger listening on http://localhost:${config.port} (event store: ${where})`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
