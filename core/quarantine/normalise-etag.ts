/** ETags without surrounding quotes, lower case: Macie sends `abc`, HeadObject returns `"abc"`. */
function normaliseETag(eTag: string | undefined): string | undefined {
  const bare = eTag
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  return bare === '' ? undefined : bare;
}

export { normaliseETag };
