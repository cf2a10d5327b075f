/**
 * `npm run package`: builds build/appPackage.zip for Teams from manifest/ and the configuration.
 * The ids and hosts come from the same environment keys the bot reads (see .env.example):
 * MicrosoftAppId, TEAMS_APP_ID (the manifest's id; by default the bot's), PUBLIC_HOSTNAME, TAB_SSO_AUDIENCE. The app version is package.json's version.
 * Exit code 0 on success; 1 with the configuration error or the schema's messages otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { AppPackageError, buildAppPackage } from '../src/packaging/app-package';

/** Used when MicrosoftAppId is empty, so a package can still be built and inspected. Not installable as a real bot. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

function main(): number {
  const root = path.resolve(__dirname, '..');
  const outFile = path.join(root, 'build', 'appPackage.zip');
  try {
    const config = loadConfig(process.env);
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    let botId = config.bot.appId;
    if (botId === '') {
      botId = PLACEHOLDER_BOT_ID;
      console.warn(
        `WARNING: MicrosoftAppId is not set; the package uses the placeholder bot id ${PLACEHOLDER_BOT_ID}. Set MicrosoftAppId to the Azure Bot's app id for a package you can install.`,
      );
    }
    const result = buildAppPackage(
      {
        botId,
        ...(config.tab.teamsAppId !== '' ? { teamsAppId: config.tab.teamsAppId } : {}),
        publicHostname: config.tab.publicHostname,
        ssoAudience: config.tab.ssoAudience,
        version,
      },
      outFile,
    );
    console.log(
      `Wrote ${path.relative(process.cwd(), result.outFile) || result.outFile} (${result.files.join(', ')}), manifest ${String(result.manifest.manifestVersion)}, app version ${version}, bot ${botId}, host ${config.tab.publicHostname}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppPackageError || error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main();
