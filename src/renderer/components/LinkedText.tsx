/** Text with its https addresses as real links (opened in the browser by the shell). */
const urlPattern = /(https:\/\/[^\s"<>]+[^\s"<>.,;:)])/g;

export function LinkedText({ text }: { text: string }) {
  const parts = text.split(urlPattern);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} target="_blank" rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
