/** GET /api/stats: counts and the figures a portfolio owner looks at. */
import type { Db } from '../db';
import { jsonAnswer, type FastRoute } from '../../../shared/src/fast-path';
import { coalesce } from '../coalesce';
import { splitTechnologies } from './portfolio';

interface CountsRow {
  projects: number;
  featuredProjects: number;
  skills: number;
  skillCategories: number;
  contacts: number;
  contactsLast7Days: number;
  contactsLast30Days: number;
  lastContactAt: Date | null;
}

const COUNTS_SQL = `SELECT
  (SELECT COUNT(*) FROM projects) AS projects,
  (SELECT COUNT(*) FROM projects WHERE featured) AS featuredProjects,
  (SELECT COUNT(*) FROM skills) AS skills,
  (SELECT COUNT(DISTINCT category) FROM skills) AS skillCategories,
  (SELECT COUNT(*) FROM contacts) AS contacts,
  (SELECT COUNT(*) FROM contacts WHERE created_at >= NOW() - INTERVAL 7 DAY) AS contactsLast7Days,
  (SELECT COUNT(*) FROM contacts WHERE created_at >= NOW() - INTERVAL 30 DAY) AS contactsLast30Days,
  (SELECT MAX(created_at) FROM contacts) AS lastContactAt`;

/** Counts technologies across projects, most used first (ties by name). */
export function topTechnologies(
  values: Array<string | null>,
  limit = 5,
): Array<{ name: string; projects: number }> {
  const counts = new Map<string, number>();
  for (const value of values) {
    for (const tech of new Set(splitTechnologies(value)))
      counts.set(tech, (counts.get(tech) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, projects]) => ({ name, projects }))
    .sort((a, b) => b.projects - a.projects || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** GET /api/stats; concurrent requests share one set of queries (see coalesce.ts). */
export function statsRoute(db: Db): FastRoute {
  return coalesce(async () => {
    const [[counts], techRows, categories] = await Promise.all([
      db.query<CountsRow[]>(COUNTS_SQL),
      db.query<Array<{ technologies: string | null }>>('SELECT technologies FROM projects'),
      db.query<Array<{ category: string | null; skills: number }>>(
        'SELECT category, COUNT(*) AS skills FROM skills GROUP BY category ORDER BY skills DESC, category',
      ),
    ]);
    const body = {
      ...counts,
      skillsByCategory: categories.map((row) => ({
        category: row.category ?? 'Other',
        skills: Number(row.skills),
      })),
      topTechnologies: topTechnologies(techRows.map((row) => row.technologies)),
    };
    return jsonAnswer(200, body);
  });
}
