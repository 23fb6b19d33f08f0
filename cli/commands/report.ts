import { defineCommand } from 'citty';
export default defineCommand({ meta: { name: 'report', description: 'placeholder' } });
