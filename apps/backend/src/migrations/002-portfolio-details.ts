/** What a portfolio page needs beyond the reference schema: links, ordering, skill levels, stats indexes. */
import { addColumnIfMissing, addIndexIfMissing, type Migration } from './types';

/** Adds project links and ordering, skill proficiency, and an index for the contact statistics. */
export const portfolioDetails: Migration = {
  version: 2,
  name: 'portfolio-details',
  async up(conn) {
    await addColumnIfMissing(conn, 'projects', 'url', 'VARCHAR(512) NULL');
    await addColumnIfMissing(conn, 'projects', 'featured', 'BOOLEAN NOT NULL DEFAULT FALSE');
    await addColumnIfMissing(conn, 'projects', 'sort_order', 'INT NOT NULL DEFAULT 0');
    await addColumnIfMissing(conn, 'skills', 'proficiency', 'TINYINT NULL');
    await addIndexIfMissing(conn, 'contacts', 'idx_contacts_created_at', 'created_at');
    await addIndexIfMissing(conn, 'skills', 'idx_skills_category', 'category');
  },
};
