import { runService } from '@tidings/config';
import { runUntilSignalled } from '@tidings/graphql';
import { loadEnvironment } from './environment.ts';
import { createChannelsService } from './service.ts';

await runService(() => runUntilSignalled(createChannelsService(loadEnvironment())));
