namespace PeerBot.Profiles;

/// <summary>The company headcount bands used by the large professional directories.</summary>
public readonly record struct HeadcountBand(int Index, int Min, int Max, string Label)
{
    public static readonly IReadOnlyList<HeadcountBand> All =
    [
        new(0, 1, 10, "1–10"),
        new(1, 11, 50, "11–50"),
        new(2, 51, 200, "51–200"),
        new(3, 201, 500, "201–500"),
        new(4, 501, 1_000, "501–1,000"),
        new(5, 1_001, 5_000, "1,001–5,000"),
        new(6, 5_001, 10_000, "5,001–10,000"),
        new(7, 10_001, int.MaxValue, "10,001+"),
    ];

    public static HeadcountBand Of(int headcount)
    {
        foreach (var band in All)
        {
            if (headcount <= band.Max)
            {
                return band;
            }
        }
        return All[^1];
    }

    public override string ToString() => Label;
}
