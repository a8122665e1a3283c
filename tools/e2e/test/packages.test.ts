// The pieces of `npm run e2e` that need no registry: the pre-release version, the manifests as
// published at it, and Verdaccio's config (the run itself is `npm run e2e`, in CI).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { atVersion, e2eVersion } from '../src/packages.js';
import { registryConfig } from '../src/registry.js';

test('the e2e version is a pre-release of the base version stamped with the UTC time', () => {
  const when = new Date(Date.UTC(2026, 11, 2, 15, 4, 5));
  assert.is(e2eVersion('0.1.0', when), '0.1.0-e2e.20261202150405');
  assert.is(e2eVersion('0.2.0-beta.1', when), '0.2.0-e2e.20261202150405');
});

test('a published manifest moves to the version, and so do its ranges on published packages only', () => {
  const manifest = {
    name: '@sous/runtime',
    version: '0.1.0',
    dependencies: { '@sous/core': '^0.1.0', zod: '^4.6.7' },
    optionalDependencies: { '@sous/native': '^0.1.0', webgpu: '^0.6.2' },
    peerDependencies: { '@tensorflow/tfjs': '^4.22.0' },
  };
  const published = atVersion(manifest, '0.1.0-e2e.1', new Set(['@sous/core', '@sous/native', '@sous/runtime']));
  assert.equal(published, {
    name: '@sous/runtime',
    version: '0.1.0-e2e.1',
    dependencies: { '@sous/core': '^0.1.0-e2e.1', zod: '^4.6.7' },
    optionalDependencies: { '@sous/native': '^0.1.0-e2e.1', webgpu: '^0.6.2' },
    peerDependencies: { '@tensorflow/tfjs': '^4.22.0' },
  });
  assert.is(manifest.version, '0.1.0', 'the manifest given is left as it was');
  assert.is(manifest.dependencies['@sous/core'], '^0.1.0');
});

test("Verdaccio's config: storage in the folder given, no uplinks, anyone may publish the names given", () => {
  const config = registryConfig('/tmp/reg', ['@sous/*', 'create-sous-plugin']);
  assert.match(config, 'storage: "/tmp/reg/storage"');
  assert.match(config, /^uplinks: \{\}$/m);
  assert.not.match(config, /proxy:/);
  assert.match(config, "  '@sous/*':\n    access: $all\n    publish: $all");
  assert.match(config, "  'create-sous-plugin':\n    access: $all\n    publish: $all");
});

test.run();
