// For the benchmarks: wait until the app has kept the dashboard's head with a strategy
// (src/storage/kept-dashboard.ts), as it does a few seconds after the strategy's records settle, so
// that the cold starts measured after it start from a kept head. A build that keeps none (an older
// one, compared A/B) waits `timeout` and goes on. Returns whether a head was kept.
export async function waitForKeptHead(page, strategyId, timeout = 60_000) {
  const keptNow = () =>
    page.evaluate(
      (sid) =>
        new Promise((resolve) => {
          const open = indexedDB.open('senryaku-workbook');
          open.onsuccess = () => {
            const req = open.result.transaction('settings').objectStore('settings').get(`keptDashboard:${sid}`);
            req.onsuccess = () => (open.result.close(), resolve(req.result !== undefined));
            req.onerror = () => (open.result.close(), resolve(false));
          };
          open.onerror = () => resolve(false);
        }),
      strategyId,
    );
  for (let waited = 0; waited < timeout; waited += 500) {
    if (await keptNow()) return true;
    await page.waitForTimeout(500);
  }
  return false;
}
