using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PeerBot.Storage;

/// <summary>
/// Azure Tables forbid <c>/ \ # ?</c>, control characters and more than 1 KiB in keys. Keys are escaped
/// reversibly (percent-style with <c>%</c> itself escaped), and long ones are hashed.
/// </summary>
public static class TableKeys
{
    private const int MaxKeyLength = 1024;

    public static string Escape(string key)
    {
        var sb = new StringBuilder(key.Length + 8);
        foreach (var rune in key.EnumerateRunes())
        {
            var c = rune.Value;
            if (c is '/' or '\\' or '#' or '?' or '%' or '\'' || c < 0x20 || (c >= 0x7F && c <= 0x9F))
            {
                sb.Append('%').Append(c.ToString("X2", CultureInfo.InvariantCulture)).Append(';');
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }
        var escaped = sb.ToString();
        if (escaped.Length > MaxKeyLength / 2)
        {
            // Keep a readable head, and a hash of the whole so distinct long keys never collide.
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            escaped = escaped[..200] + "~" + hash;
        }
        return escaped;
    }

    /// <summary>Spreads members over 64 partitions so that no partition becomes hot as the network grows.</summary>
    public static string Bucket(string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (hash[0] & 0x3F).ToString("X2", CultureInfo.InvariantCulture);
    }
}
