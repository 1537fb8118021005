import { Td } from '../../components/ui/table';

/** The container's name, opening its detail. */
export function ContainerNameCell({ name, onOpen }: { name: string; onOpen: () => void }) {
  return (
    <Td>
      <button
        type="button"
        onClick={onOpen}
        className="text-left font-medium text-accent hover:underline"
        title={`Open ${name}`}
      >
        {name}
      </button>
    </Td>
  );
}

export function ContainerImageCell({ image }: { image: string }) {
  return (
    <Td className="max-w-64 truncate font-mono text-[0.85rem]" title={image}>
      {image}
    </Td>
  );
}
