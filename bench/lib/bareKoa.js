/** The floor of any JSON route here: Koa + @koa/router returning a constant 20-item body. */
const path = require('node:path');
const dist = path.resolve(__dirname, '../../server/dist');
const Koa = require(require.resolve('koa', { paths: [dist] }));
const Router = require(require.resolve('@koa/router', { paths: [dist] }));

const items = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  courseCode: 'CQIP-PAT-101',
  courseTitle: '专利代理实务',
  title: `2026 年第 ${i + 1} 期专利代理实务班`,
  location: '重庆市渝北区国家知识产权培训（重庆）基地',
  startDate: '2026-03-20',
  endDate: '2026-03-22',
  capacity: 100,
  enrolledCount: 37,
  seatsLeft: 63,
  waitlistCount: 0,
  status: 'open',
}));
const body = { items, total: 20, page: 1, pageSize: 20 };

const app = new Koa();
const router = new Router();
router.get('/items', (ctx) => {
  ctx.body = body;
});
app.use(router.routes());
app.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
