// The browser test page provides mocha's BDD globals (@web/test-runner-mocha).
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => Promise<void> | void): void;
