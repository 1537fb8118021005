import { Pencil, Trash2 } from 'lucide-react';
import { MenuContent, MenuItem, MenuRoot, MenuSeparator, RowActionsTrigger } from './menu';

/** A table row's "…" menu with Edit… and a destructive Delete… (or `deleteLabel`, e.g. "Remove…"). */
export function EditDeleteMenu({
  name,
  onEdit,
  onDelete,
  deleteLabel = 'Delete…',
  className,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  deleteLabel?: string;
  className?: string;
}) {
  return (
    <MenuRoot>
      <RowActionsTrigger name={name} {...(className ? { className } : {})} />
      <MenuContent>
        <MenuItem onSelect={onEdit}>
          <Pencil aria-hidden size={16} />
          Edit…
        </MenuItem>
        <MenuSeparator />
        <MenuItem tone="danger" onSelect={onDelete}>
          <Trash2 aria-hidden size={16} />
          {deleteLabel}
        </MenuItem>
      </MenuContent>
    </MenuRoot>
  );
}
