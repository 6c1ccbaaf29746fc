using System.Globalization;
using System.Text.RegularExpressions;
using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>
/// A /findpeer query taken apart: the role text and the optional filters written after it,
/// e.g. "VP marketing size 200-500 industry fintech".
/// </summary>
/// <param name="Bands">Headcount bands the size filter allows; null when there is no size filter.</param>
/// <param name="Industry">Industry filter as typed; null when there is none.</param>
/// <param name="Notes">Things worth telling the asker about how the query was read.</param>
public sealed partial record PeerQuery(RoleRead Role, IReadOnlyList<HeadcountBand>? Bands, string? Industry, IReadOnlyList<string> Notes)
{
    public static PeerQuery Read(string text, RoleReader reader) => Read(text, reader, QueryContext.None);

    /// <summary>Reads a query in the asker's context; an industry filter names the sector before the asker's own does.</summary>
    public static PeerQuery Read(string text, RoleReader reader, QueryContext context)
    {
        var notes = new List<string>();
        IReadOnlyList<HeadcountBand>? bands = null;
        string? industry = null;

        var industryMatch = IndustryFilter().Match(text);
        if (industryMatch.Success)
        {
            industry = industryMatch.Groups["industry"].Value.Trim();
            text = text.Remove(industryMatch.Index, industryMatch.Length);
        }
        var sizeMatch = SizeFilter().Match(text);
        if (sizeMatch.Success)
        {
            bands = BandsFor(sizeMatch);
            if (bands is null)
            {
                notes.Add("I couldn't read the size; write it as a headcount, e.g. “size 200-500” or “size 1000+”.");
            }
            text = text.Remove(sizeMatch.Index, sizeMatch.Length);
        }
        else if (SizeWord().Match(text) is { Success: true } bare)
        {
            notes.Add("I couldn't read the size; write it as a headcount, e.g. “size 200-500” or “size 1000+”.");
            text = text.Remove(bare.Index, bare.Length);
        }

        if (reader.Taxonomy.SectorOfIndustry(industry) is { } filtered)
        {
            context = context with { Sector = filtered };
        }
        var role = reader.ReadQuery(text, context);
        foreach (var (from, to) in role.Corrections)
        {
            notes.Add($"Read “{from}” as “{to}”.");
        }
        return new PeerQuery(role, bands, string.IsNullOrWhiteSpace(industry) ? null : industry, notes) { RoleText = text.Trim() };
    }

    /// <summary>The words of the query that describe the role, without its filters.</summary>
    public string RoleText { get; init; } = "";

    /// <summary>Bands that overlap the typed range by more than a shared boundary ("200-500" means 201–500, not 51–200 too).</summary>
    private static List<HeadcountBand>? BandsFor(Match match)
    {
        if (!TryHeadcount(match.Groups["lo"].Value, out var lo))
        {
            return null;
        }
        var hi = lo;
        if (match.Groups["plus"].Success)
        {
            hi = int.MaxValue;
        }
        else if (match.Groups["hi"].Success && !TryHeadcount(match.Groups["hi"].Value, out hi))
        {
            return null;
        }
        if (hi < lo)
        {
            (lo, hi) = (hi, lo);
        }
        var overlapping = HeadcountBand.All.Where(b => b.Min <= hi && b.Max >= lo).ToList();
        if (lo == hi)
        {
            return overlapping;
        }
        var substantial = overlapping.Where(b => (long)Math.Min(hi, b.Max) - Math.Max(lo, b.Min) >= 1).ToList();
        return substantial.Count > 0 ? substantial : overlapping;
    }

    private static bool TryHeadcount(string text, out int headcount)
    {
        var t = text.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var multiplier = 1m;
        if (t.EndsWith('k'))
        {
            multiplier = 1000m;
            t = t[..^1];
        }
        if (decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value * multiplier is >= 0 and <= int.MaxValue)
        {
            headcount = (int)(value * multiplier);
            return true;
        }
        headcount = 0;
        return false;
    }

    [GeneratedRegex(@"\b(?:size|headcount|employees)\s*:?\s*(?<lo>\d[\d,.]*\s?k?)\s*(?:(?<plus>\+)|(?:-|–|—|to)\s*(?<hi>\d[\d,.]*\s?k?))?(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeFilter();

    [GeneratedRegex(@"\b(?:size|headcount)\b\s*:?\s*\S*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeWord();

    [GeneratedRegex(@"\bindustry\s*:?\s*(?<industry>.+?)\s*(?=\b(?:size|headcount|employees)\b|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IndustryFilter();
}
