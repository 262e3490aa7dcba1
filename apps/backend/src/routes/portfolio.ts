/** GET /api/projects and GET /api/skills: the portfolio content. */
import type { Db } from '../db';
import { jsonAnswer, type FastRoute } from '../../../shared/src/fast-path';
import { coalesce } from '../coalesce';

/** A row of the projects query. */
export interface ProjectRow {
  id: number;
  name: string;
  description: string | null;
  technologies: string | null;
  url: string | null;
  featured: number;
  created_at: Date;
}

interface SkillRow {
  id: number;
  name: string;
  category: string | null;
  proficiency: number | null;
}

/** Splits the comma-separated `technologies` column. */
export function splitTechnologies(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The projects in display order. */
export const PROJECTS_SQL =
  'SELECT id, name, description, technologies, url, featured, created_at FROM projects ORDER BY featured DESC, sort_order, id';

/** A project as the API returns it. */
export function projectJson(row: ProjectRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? '',
    technologies: splitTechnologies(row.technologies),
    url: row.url,
    featured: Boolean(row.featured),
    createdAt: row.created_at,
  };
}

/** GET /api/projects; concurrent requests share one query and its JSON (see coalesce.ts). */
export function projectsRoute(db: Db): FastRoute {
  return coalesce(async () =>
    jsonAnswer(200, (await db.query<ProjectRow[]>(PROJECTS_SQL)).map(projectJson)),
  );
}

/** GET /api/skills, coalesced like the projects. */
export function skillsRoute(db: Db): FastRoute {
  return coalesce(async () => {
    const rows = await db.query<SkillRow[]>(
      'SELECT id, name, category, proficiency FROM skills ORDER BY category, proficiency DESC, name',
    );
    return jsonAnswer(
      200,
      rows.map((row) => ({ ...row, category: row.category ?? 'Other' })),
    );
  });
}
