// SPDX-License-Identifier: GPL-3.0-or-later
//
// End to end, in a real browser: an external user follows a token link,
// signs up, takes the confirmation link from the mail a real SMTP sink
// received, confirms, signs in, sees the enrolment on the account page
// and asks for the account to be removed; the administrator sees the
// request in the API. Headless Chromium (Debian's), driven by
// playwright-core; a real roster-server with demo data. Screenshots of
// each step go to $ROSTER_E2E_OUTPUT. Output is TAP.
//
// Environment (set by tests/meson.build): ROSTER_SERVER, CHROMIUM,
// ROSTER_SMTP_SINK_PYTHON, ROSTER_SMTP_SINK, ROSTER_E2E_OUTPUT.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, watch } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
const output = env.ROSTER_E2E_OUTPUT;
const work = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
const children = [];
let step = 0;

const EMAIL = 'ada.visitor@partner.example';
const PASSWORD = 'correct horse battery staple';

function ok(description) {
  step += 1;
  console.log(`ok ${step} - ${description}`);
}

// A child process and the first line of its output that starts with
// @prefix (what the sink and the server print once they listen).
function start(command, args, prefix) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let buffer = '';
    let log = '';
    const onData = (chunk) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith(prefix))
          resolve({ child, value: line.slice(prefix.length) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { log += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`${command} exited (${code}) before "${prefix}":\n${log}`)));
    // Kept beside the screenshots, for whoever reads a failure.
    child.stderr.on('end', () => writeFileSync(join(output, `${command.split('/').pop()}.log`), log));
  });
}

// The sink writes N.eml before it says it stored it: wait for the file.
function waitForFile(folder, name, seconds) {
  return new Promise((resolve, reject) => {
    const path = join(folder, name);
    if (existsSync(path))
      return resolve(path);
    const timer = setTimeout(() => { watcher.close(); reject(new Error(`no ${name} after ${seconds} s`)); },
                             seconds * 1000);
    const watcher = watch(folder, () => {
      if (existsSync(path)) {
        clearTimeout(timer);
        watcher.close();
        resolve(path);
      }
    });
  });
}

// The text of a message, decoded by Python's email package.
function mailText(path) {
  return execFileSync(env.ROSTER_SMTP_SINK_PYTHON, ['-c',
    'import email, email.policy, sys\n' +
    'm = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)\n' +
    'sys.stdout.write(m.get_body(("plain",)).get_content())\n', path]).toString();
}

function api(base, ca, method, path, token, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(base + path, {
      method, ca,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(data ? { 'Content-Type': 'application/json' } : {}),
      },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    if (data)
      req.write(data);
    req.end();
  });
}

function expect(condition, what) {
  if (!condition)
    throw new Error(what);
}

async function main() {
  mkdirSync(output, { recursive: true });
  console.log('1..10');

  const mail = join(work, 'mail');
  mkdirSync(mail);
  const sink = await start(env.ROSTER_SMTP_SINK_PYTHON, [env.ROSTER_SMTP_SINK, mail], 'port ');
  const config = join(work, 'roster.ini');
  writeFileSync(config, `[mail]\nsmtp-host = 127.0.0.1\nsmtp-port = ${sink.value}\nsmtp-security = none\n` +
                        'from = Roster <roster@uni.example>\n');
  const data = join(work, 'data');
  const server = await start(env.ROSTER_SERVER, ['--data-dir', data, '--listen', '127.0.0.1:0', '--demo',
                                                 '--config', config], 'listening on ');
  const base = server.value.trim();
  const ca = readFileSync(join(data, 'cert.pem'));
  ok('the SMTP sink and roster-server --demo are up');

  // Staff share a token link (seed 001).
  const login = await api(base, ca, 'POST', '/api/v1/auth/login', null,
                          { username: 'admin', password: 'roster-admin-demo' });
  expect(login.status === 200, `admin login: ${login.status}`);
  const admin = login.json.token;
  const courses = await api(base, ca, 'GET', '/api/v1/courses?q=CS101', admin);
  const course = courses.json.courses[0];
  const method = await api(base, ca, 'POST', `/api/v1/courses/${course.id}/methods`, admin,
                           { type: 'self', name: 'Visiting 2027' });
  expect(method.status === 201, `method: ${method.status}`);
  const key = await api(base, ca, 'POST', `/api/v1/methods/${method.json.id}/keys`, admin,
                        { nickname: 'Browser test' });
  expect(key.status === 201, `key: ${key.status}`);
  ok('a self-enrolment key for CS101');

  const profile = mkdtempSync(join(work, 'profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: env.CHROMIUM,
    headless: true,
    // The server's certificate is the self-signed one --demo made.
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();

    await page.goto(`${base}/signup?key=${encodeURIComponent(key.json.secret)}`);
    await page.getByText('You are signing up for Introduction to Programming.').waitFor();
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Visitor');
    await page.getByLabel('E-mail address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Password again').fill(PASSWORD);
    await page.screenshot({ path: join(output, '1-signup.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail', exact: true }).waitFor();
    await page.screenshot({ path: join(output, '2-check-mail.png'), fullPage: true });
    ok('the sign-up form, filled in by its labels, asks to check the mail');

    const message = await waitForFile(mail, '1.eml', 60);
    const text = mailText(message);
    const link = text.match(/https:\/\/\S+\/confirm\?t=[A-Za-z0-9_-]+/);
    expect(link, `no confirmation link in:\n${text}`);
    ok('the confirmation mail reached the SMTP sink with its link');

    await page.goto(link[0]);
    await page.getByRole('button', { name: 'Confirm my account' }).click();
    await page.getByText('Enrolled in Introduction to Programming as guest.').waitFor();
    await page.screenshot({ path: join(output, '3-confirmed.png'), fullPage: true });
    ok('confirming enrols the new account as Guest');

    await page.getByRole('link', { name: 'Sign in to your account' }).click();
    await page.getByLabel('E-mail address or username').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My account', exact: true }).waitFor();
    const row = page.getByRole('row', { name: /Introduction to Programming/ });
    await row.getByText('Guest').waitFor();
    await page.screenshot({ path: join(output, '4-account.png'), fullPage: true });
    ok('signed in, the account page lists the enrolment');

    await page.getByLabel('Reason').fill('The visit is over.');
    await page.getByRole('button', { name: 'Request removal of my account' }).click();
    await page.getByText('Your request has been sent.').waitFor();
    await page.screenshot({ path: join(output, '5-removal-requested.png'), fullPage: true });
    ok('the removal request is sent from the account page');
  } finally {
    await browser.close();
  }

  const requests = await api(base, ca, 'GET', '/api/v1/removal-requests', admin);
  expect(requests.status === 200, `removal requests: ${requests.status}`);
  expect(requests.json.removal_requests.some((r) => r.user.email === EMAIL && r.reason === 'The visit is over.'),
         'the request is not in GET /api/v1/removal-requests');
  ok('administrators see the removal request');

  const participants = await api(base, ca, 'GET',
                                 `/api/v1/courses/${course.id}/participants?q=${encodeURIComponent(EMAIL)}`, admin);
  const participant = participants.json.participants[0];
  expect(participant && participant.roles[0] === 'guest' && participant.key_nickname === 'Browser test',
         `participant: ${JSON.stringify(participant)}`);
  ok('the participant list shows the guest and the key they used');

  // A clean stop: under AddressSanitizer a leak makes the server exit 23.
  server.child.kill('SIGTERM');
  const code = server.child.exitCode ?? await new Promise((resolve) => server.child.on('exit', resolve));
  expect(code === 0, `roster-server exited with ${code}`);
  ok('roster-server stopped cleanly');
}

let status = 0;
try {
  await main();
} catch (error) {
  console.log(`not ok ${step + 1} - ${error.message.split('\n')[0]}`);
  console.log(`# ${error.stack.replaceAll('\n', '\n# ')}`);
  status = 1;
} finally {
  for (const child of children)
    child.kill('SIGTERM');
  await Promise.all(children.map((child) => child.exitCode !== null ? null
                                 : new Promise((resolve) => child.on('exit', resolve))));
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
