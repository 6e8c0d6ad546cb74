/** jest setupFilesAfterEnv: a test that received an answer the OpenAPI document does not describe fails. */
import { takeContractViolations } from './contract';

afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length > 0) throw new Error(`${violations.length} answer(s) differ from the OpenAPI document:\n${violations.join('\n')}`);
});
