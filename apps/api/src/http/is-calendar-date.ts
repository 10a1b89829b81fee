import { applyDecorators } from '@nestjs/common';
import { buildMessage, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@mandate-ledger/domain';

export const CALENDAR_DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `YYYY-MM-DD` date that exists: the format and the calendar are reported apart, so `2017-02-30`
 * fails only with "a date that exists in the calendar". The calendar check is the domain's own.
 */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(
    Matches(CALENDAR_DATE_FORMAT, { message: buildMessage((each) => `${each}$property must be a date YYYY-MM-DD`, options), ...options }),
    ValidateBy(
      {
        name: 'isCalendarDate',
        // A value of the wrong format is left to Matches: one message per failure.
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || !CALENDAR_DATE_FORMAT.test(value) || isCalendarDate(value),
          defaultMessage: buildMessage((each) => `${each}$property must be a date that exists in the calendar`, options),
        },
      },
      options,
    ),
  );
