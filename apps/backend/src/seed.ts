/** A realistic portfolio for local development, tests and benchmarks; re-running it resets projects and skills. */
import type { Db } from './db';

/** One seeded project. */
export interface SeedProject {
  name: string;
  description: string;
  technologies: string[];
  url?: string;
  featured?: boolean;
}

/** The seeded projects, in display order. */
export const seedProjects: readonly SeedProject[] = [
  {
    name: 'Three-Tier AWS Reference',
    description:
      'A highly available web stack across two Availability Zones: ALB, Auto Scaling EC2 and encrypted RDS MySQL, generated from one topology file.',
    technologies: ['AWS', 'CloudFormation', 'TypeScript', 'MySQL'],
    url: 'https://github.com/example/strata',
    featured: true,
  },
  {
    name: 'Ledger Sync',
    description:
      'Reconciles bank exports against an accounting ledger nightly, flags mismatches and drafts the correcting entries for review.',
    technologies: ['Node.js', 'PostgreSQL', 'Docker'],
    featured: true,
  },
  {
    name: 'Trailhead Maps',
    description:
      'Offline-first hiking map for phones: vector tiles cached per region, GPX import, and elevation profiles drawn on a canvas.',
    technologies: ['TypeScript', 'Service Workers', 'MapLibre'],
    url: 'https://example.com/trailhead',
  },
  {
    name: 'Incident Timeline',
    description:
      'Collects alerts, deploys and chat messages into one timeline during an outage, then exports a post-mortem draft.',
    technologies: ['Python', 'Flask', 'Redis'],
  },
  {
    name: 'Build Cache Proxy',
    description:
      'A content-addressed cache in front of CI artifact storage that cut average pipeline time by a third.',
    technologies: ['Go', 'S3', 'Prometheus'],
  },
  {
    name: 'Accessible Forms Kit',
    description:
      'Form components with server-driven validation messages, keyboard support and screen-reader announcements.',
    technologies: ['HTML', 'CSS', 'JavaScript'],
  },
];

/** The seeded skills: [name, category, proficiency 1–5]. */
export const seedSkills: ReadonlyArray<readonly [string, string, number]> = [
  ['TypeScript', 'Languages', 5],
  ['Python', 'Languages', 4],
  ['Go', 'Languages', 3],
  ['SQL', 'Languages', 4],
  ['Node.js', 'Backend', 5],
  ['Express', 'Backend', 5],
  ['Flask', 'Backend', 4],
  ['MySQL', 'Data', 4],
  ['PostgreSQL', 'Data', 4],
  ['Redis', 'Data', 3],
  ['AWS', 'Cloud & DevOps', 5],
  ['CloudFormation', 'Cloud & DevOps', 5],
  ['Docker', 'Cloud & DevOps', 4],
  ['GitHub Actions', 'Cloud & DevOps', 4],
  ['HTML & CSS', 'Frontend', 4],
  ['Accessibility', 'Frontend', 4],
];

/** Replaces projects and skills with the seed data in one transaction; contacts are left alone. */
export async function seed(db: Db): Promise<{ projects: number; skills: number }> {
  await db.withConnection(async (conn) => {
    await conn.beginTransaction();
    try {
      await conn.query('DELETE FROM projects');
      await conn.query('DELETE FROM skills');
      await conn.query(
        'INSERT INTO projects (name, description, technologies, url, featured, sort_order) VALUES ?',
        [
          seedProjects.map((p, i) => [
            p.name,
            p.description,
            p.technologies.join(', '),
            p.url ?? null,
            p.featured ?? false,
            i,
          ]),
        ],
      );
      await conn.query('INSERT INTO skills (name, category, proficiency) VALUES ?', [
        seedSkills.map((s) => [...s]),
      ]);
      await conn.commit();
    } catch (error) {
      await conn.rollback();
      throw error;
    }
  });
  return { projects: seedProjects.length, skills: seedSkills.length };
}
