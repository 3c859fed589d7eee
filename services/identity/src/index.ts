import { runService } from '@tidings/config';
import { runUntilSignalled } from '@tidings/graphql';
import { loadEnvironment } from './environment.ts';
import { createIdentityService } from './service.ts';

await runService(() => runUntilSignalled(createIdentityService(loadEnvironment())));
