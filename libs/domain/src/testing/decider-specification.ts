import { Decider, fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/**
 * Given / when / then over a decider:
 * `given([granted]).when(suspend).then([suspended])` or `.thenThrows('MANDATE_NOT_ACTIVE')`.
 * `then` also folds the new events, so an event `evolve` cannot apply fails the test.
 */
export const deciderSpecification =
  <Command, Event, State>(decider: Decider<Command, Event, State>) =>
  (givenEvents: readonly Event[] = []) => ({
    when: (command: Command) => {
      const handle = () => decider.decide(command, fold(decider, givenEvents));
      return {
        then: (expectedEvents: readonly Event[]) => {
          const events = handle();
          expect(events).toEqual(expectedEvents);
          expect(() => fold(decider, [...givenEvents, ...events])).not.toThrow();
        },
        thenThrows: (code: string) => {
          let outcome: unknown;
          try {
            outcome = { decided: handle() };
          } catch (error) {
            outcome = error instanceof DomainError ? error.code : error;
          }
          expect(outcome).toBe(code);
        },
      };
    },
  });
