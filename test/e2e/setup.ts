/** Run after each browser test (jest setupFilesAfterEnv): any page error the test left fails it. */
import { takePageErrors } from './harness';

afterEach(() => {
  const errors = takePageErrors();
  if (errors.length > 0) throw new Error(`the app reported ${errors.length} error(s) in the browser:\n${errors.join('\n')}`);
});
