/**
 * A download's Content-Disposition: an ASCII name for old clients and the Chinese one (RFC 5987
 * `filename*`) that browsers and WeChat save the file under.
 */
export const attachment = (asciiName: string, name: string): string => `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
