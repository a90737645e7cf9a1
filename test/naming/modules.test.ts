import { describe, expect, it } from 'vitest';
import {
  lastSegment,
  moduleToPath,
  pathToModule,
  pluralFor,
  schemaForTable,
  singularFor,
  tableForModule,
} from '../../shared/naming/index.js';

describe('module helpers', () => {
  it('moduleToPath / pathToModule', () => {
    expect(moduleToPath('Blog.PostCategory')).toBe('blog/post_category');
    expect(moduleToPath('MyApp.HTTPClient')).toBe('my_app/http_client');
    expect(pathToModule('blog/post_category')).toBe('Blog.PostCategory');
    expect(pathToModule('my_app/accounts/user')).toBe('MyApp.Accounts.User');
  });

  it('table and schema names', () => {
    expect(tableForModule('Blog.PostCategory')).toBe('post_categories');
    expect(tableForModule('Accounts.Person')).toBe('people');
    expect(tableForModule('Status')).toBe('statuses');
    expect(schemaForTable('post_categories')).toBe('PostCategory');
    expect(schemaForTable('people')).toBe('Person');
    expect(schemaForTable('addresses')).toBe('Address');
  });

  it('singular/plural names for context functions', () => {
    expect(lastSegment('Blog.PostCategory')).toBe('PostCategory');
    expect(lastSegment('Post')).toBe('Post');
    expect(singularFor('Blog.PostCategory')).toBe('post_category');
    expect(pluralFor('Blog.PostCategory')).toBe('post_categories');
    expect(`list_${pluralFor('Blog.Post')}`).toBe('list_posts');
    expect(`get_${singularFor('Blog.Post')}!`).toBe('get_post!');
    expect(pluralFor('Accounts.Person')).toBe('people');
  });
});
