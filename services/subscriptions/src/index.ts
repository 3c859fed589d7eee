import { runService } from '@tidings/config';
import { runUntilSignalled } from '@tidings/graphql';
import { loadEnvironment } from './environment.ts';
import { createSubscriptionsService } from './service.ts';

await runService(() => runUntilSignalled(createSubscriptionsService(loadEnvironment())));
