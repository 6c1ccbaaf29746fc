using System.Text;

namespace PeerBot.Tests.Hostile;

/// <summary>Text an attacker or an unlucky client might put anywhere a string goes.</summary>
public static class HostileStrings
{
    /// <summary>Markup and injection meant to be evaluated somewhere downstream: each must stay text.</summary>
    public static readonly string[] Injections =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "${name}",
        "${peers[0].email}",
        "${join(peers, ', ')}",
        "${$root}",
        "${if(true, 'yes', 'no')}",
        "{{name}}",
        "{{7*7}}",
        "[click](http://evil.example/)",
        "![pixel](http://evil.example/p.png)",
        "<at>x</at>",
        "' or 1 eq 1",
        "PartitionKey eq 'x' or true",
        "') or ('1' eq '1",
        "'; DROP TABLE peers; --",
        "\"},{\"type\":\"Action.OpenUrl\",\"url\":\"http://evil.example/\"},{\"x\":\"",
        "**bold** _italic_ `code`",
        "# Heading",
        "javascript:alert(1)",
        "$when",
        "@{name} {0} %s %n",
        "../../../etc/passwd",
    ];

    /// <summary>Unicode that breaks naive code: lone surrogates, direction overrides, invisible and combining characters.</summary>
    public static readonly string[] Unicode =
    [
        "\uD800",
        "a\uDFFFb",
        "\uDC00\uD800",
        "\u202Eevil.exe\u202C",
        "\u200B\u200C\u200D\uFEFF",
        "\u0000",
        "a\u0000b",
        "Z" + string.Concat(Enumerable.Repeat("\u0301\u0336\u0489", 300)),
        "👩‍👩‍👧‍👦🏳️‍🌈",
        "\uFFFF\uFFFE\uFDD0",
        "\u2028\u2029\u0085",
        "\r\n\t\v\f",
        "Ｆｉｎｄｐｅｅｒ ＶＰ",
        "İı ß ǅ",
        "𝕳𝖊𝖑𝖑𝖔 ﷽",
        "\u0000findpeer VP marketing",
        "findpeer\u00A0VP\u2003marketing",
    ];

    public static string Random(Random random) => random.Next(4) switch
    {
        0 => Injections[random.Next(Injections.Length)],
        1 => Unicode[random.Next(Unicode.Length)],
        2 => Injections[random.Next(Injections.Length)] + Unicode[random.Next(Unicode.Length)],
        _ => RandomCodePoints(random, random.Next(1, 300)),
    };

    /// <summary>Any UTF-16 units at all, surrogates and controls included.</summary>
    public static string RandomCodePoints(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append((char)(random.Next(3) == 0 ? random.Next(0, 0x80) : random.Next(0, 0x10000)));
        }
        return sb.ToString();
    }

    /// <summary>A JSON string literal that escapes everything outside printable ASCII, so lone surrogates survive as \uXXXX.</summary>
    public static string JsonLiteral(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || c > 0x7E)
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.Append('"').ToString();
    }
}
