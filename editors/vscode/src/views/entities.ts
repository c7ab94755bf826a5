// The Entities view: the people, organisations and places of the whole workspace
// (newsls/workspaceEntities), grouped by kind, each with its mention and file counts; an
// entity expands to its mentions (newsls/entityMentions), and a click opens the mention.
import * as vscode from 'vscode';
import { ClientGetter, ENTITY_MENTIONS, EntityMention, WORKSPACE_ENTITIES, WorkspaceEntity, request } from '../workspace';
import { openCommand, where } from './common';

const GROUPS: { kind: string; label: string; icon: string }[] = [
  { kind: 'person', label: 'People', icon: 'person' },
  { kind: 'organization', label: 'Organizations', icon: 'organization' },
  { kind: 'place', label: 'Places', icon: 'location' },
  { kind: 'other', label: 'Other', icon: 'symbol-misc' },
];

type Node =
  | { type: 'group'; kind: string; label: string; icon: string; entities: WorkspaceEntity[] }
  | { type: 'entity'; entity: WorkspaceEntity }
  | { type: 'mention'; mention: EntityMention };

export class EntitiesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The filter typed by the user (sent as `query`), or empty for all. */
  query = '';
  /** The last answer, for tests and the view's message. */
  entities: WorkspaceEntity[] = [];
  view?: vscode.TreeView<Node>;

  constructor(private readonly client: ClientGetter) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async filter(): Promise<void> {
    const q = await vscode.window.showInputBox({ title: 'Filter entities', value: this.query, prompt: 'Part of a name (empty: all)' });
    if (q === undefined) return;
    this.query = q.trim();
    if (this.view) this.view.description = this.query ? `“${this.query}”` : undefined;
    this.refresh();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.entities.length);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.id = `group:${node.kind}`;
      return item;
    }
    if (node.type === 'entity') {
      const e = node.entity;
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${e.mentions} · ${e.files} ${e.files === 1 ? 'file' : 'files'}`;
      item.tooltip = `${e.name} (${e.kind}): ${e.mentions} mention${e.mentions === 1 ? '' : 's'} in ${e.files} file${e.files === 1 ? '' : 's'}`;
      item.id = `entity:${e.id}`;
      item.contextValue = 'entity';
      return item;
    }
    const m = node.mention;
    const item = new vscode.TreeItem(where(m.uri, m.range), vscode.TreeItemCollapsibleState.None);
    item.description = m.text;
    item.iconPath = new vscode.ThemeIcon('go-to-file');
    item.command = openCommand(m.uri, m.range, 'Open the mention');
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    try {
      if (!node) {
        this.entities = await request<WorkspaceEntity[]>(this.client, WORKSPACE_ENTITIES, this.query ? { query: this.query } : {});
        if (this.view) this.view.message = this.entities.length ? undefined : 'No entities found yet.';
        return GROUPS.map((g) => ({ type: 'group' as const, ...g, entities: this.entities.filter((e) => kindOf(e) === g.kind) }))
          .filter((g) => g.entities.length > 0);
      }
      if (node.type === 'group') return node.entities.map((entity) => ({ type: 'entity' as const, entity }));
      if (node.type === 'entity') {
        const mentions = await request<EntityMention[]>(this.client, ENTITY_MENTIONS, { id: node.entity.id });
        return mentions.map((mention) => ({ type: 'mention' as const, mention }));
      }
    } catch (e: any) {
      if (this.view) this.view.message = `newsls: ${e?.message ?? e}`;
    }
    return [];
  }
}

function kindOf(e: WorkspaceEntity): string {
  return GROUPS.some((g) => g.kind === e.kind) ? e.kind : 'other';
}
