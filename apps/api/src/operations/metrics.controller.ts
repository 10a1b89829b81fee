import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/principal';
import { MetricsScrape } from './metrics-scrape';

/** `GET /metrics` on the API's port, for admins (Prometheus scrapes `METRICS_PORT` instead, without a token). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly scrape: MetricsScrape) {}

  @Get()
  @Roles('admin')
  async metrics(@Res() response: Response): Promise<void> {
    const text = await this.scrape.text();
    response.status(200).type(this.scrape.contentType).send(text);
  }
}
