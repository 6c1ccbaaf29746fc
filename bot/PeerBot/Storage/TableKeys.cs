using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PeerBot.Storage;

/// <summary>
/// Azure Tables forbid <c>/ \ # ?</c>, control characters and more than 1 KiB in keys. Keys are escaped
/// reversibly (percent-style with <c>%</c> itself escaped), and long ones are hashed.
/// </summary>
public static class TableKeys
{
    private const int MaxKeyBytes = 1024;
    private const int ReadableHead = 200;

    public static string Escape(string key)
    {
        var sb = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length;)
        {
            if (Rune.DecodeFromUtf16(key.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate cannot travel as UTF-8; escaping its code unit keeps distinct keys distinct.
                sb.Append('%').Append(((int)key[i]).ToString("X4", CultureInfo.InvariantCulture)).Append(';');
                i++;
                continue;
            }
            var c = rune.Value;
            if (c is '/' or '\\' or '#' or '?' or '%' or '\'' || c < 0x20 || (c >= 0x7F && c <= 0x9F))
            {
                sb.Append('%').Append(c.ToString("X2", CultureInfo.InvariantCulture)).Append(';');
            }
            else
            {
                sb.Append(rune.ToString());
            }
            i += consumed;
        }
        var escaped = sb.ToString();
        if (Encoding.UTF8.GetByteCount(escaped) > MaxKeyBytes / 2)
        {
            // Keep a readable head, and a hash of the whole so distinct long keys never collide. "%~" never
            // occurs in a short escaped key, so no short key can name a long key's row.
            var hash = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(key.AsSpan())));
            var head = escaped[..Math.Min(ReadableHead, escaped.Length)];
            if (char.IsHighSurrogate(head[^1]))
            {
                head = head[..^1];
            }
            escaped = head + "%~" + hash;
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
