using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Matching;
using PeerBot.Storage;
using PeerBot.Tests.Cli;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Matching;

/// <summary>
/// The searches a new user tried in hospitals, schools, cities, shops, restaurants, warehouses and plants, through the real
/// bot: members are imported with the CLI into the bot's tables before it starts, so it loads them from Table Storage as
/// in production, and each search is posted to /api/messages as Teams sends it.
/// </summary>
public sealed class SectorFindPeerTests() : BotTestBase("sectors")
{
    private const string Newcomer = "u-newcomer";
    private const string Admin = "u-admin";

    /// <summary>The directory's front-line supervisors, of every area.</summary>
    internal static readonly string[] FrontLine = ["Key Holder", "Line Supervisor", "Police Sergeant", "Shift Supervisor", "Sous Chef"];

    /// <summary>A directory that mixes hospitals, schools, cities, police, shops, kitchens, warehouses, plants and companies; also searched by the CLI.</summary>
    internal const string Members = """
        id,name,email,title,organization,org_size,industry,timezone,topics
        h1,Nora Quinn,nora@stmarston.example,Nurse Manager,St. Marston Medical Center,2500,Healthcare,Europe/London,staffing
        h2,Wendy Park,wendy@riverside-health.example,"Ward Manager, Elderly Care",Riverside NHS Foundation Trust,7000,,Europe/London,
        h3,Dana Cole,dana@stmarston.example,Director of Nursing,St. Marston Medical Center,2500,Healthcare,Europe/London,
        h4,Omar Reyes,omar@lakewoodcare.example,Director of Nursing Services,Lakewood Care Home,120,Senior care,America/Chicago,
        h5,Paula Kim,paula@stmarston.example,Nurse Practitioner,St. Marston Medical Center,2500,Healthcare,Europe/London,
        s1,Grace Lin,grace@lincoln-elem.example,Principal,Lincoln Elementary School,60,Education,America/New_York,
        s2,Tom Baker,tom@kingsbridge-academy.example,Headteacher,Kingsbridge Academy,900,,Europe/London,
        s3,Rosa Diaz,rosa@westbury-usd.example,Superintendent,Westbury Unified School District,4000,K-12 education,America/Los_Angeles,
        s4,Ivan Petrov,ivan@contoso.example,Principal Engineer,Contoso Software,800,Software,Europe/Berlin,
        c1,Mark Hale,mark@cityofashford.example,City Manager,City of Ashford,1200,Government,America/Denver,
        c2,Lucy Tran,lucy@eastfield.example,County Administrator,Eastfield County,3000,Local government,America/Denver,
        p1,Sam Ortiz,sam@springfieldpd.example,Chief of Police,Springfield Police Department,400,Public safety,America/Chicago,
        p2,Ann Lowe,ann@millbrook-police.example,Police Chief,Millbrook Police,150,Government,America/Chicago,
        p3,Ben Shaw,ben@springfieldpd.example,Police Sergeant,Springfield Police Department,400,Public safety,America/Chicago,
        r1,Kim Wu,kim@harlowmarket.example,Store Manager,Harlow Market,300,Retail,America/New_York,
        r2,Joe Park,joe@ashford-outfitters.example,Store Manager,Ashford Outfitters,1200,Retail,America/New_York,
        r3,Eve Stone,eve@harlowmarket.example,Shift Supervisor,Harlow Market,300,Retail,America/New_York,
        r4,Ray Ng,ray@kingsbridge-super.example,Shift Supervisor,Kingsbridge Supermarkets,5000,Grocery,America/New_York,
        r5,Liz Ford,liz@ashford-outfitters.example,Key Holder,Ashford Outfitters,1200,Retail,America/New_York,
        f1,Marco Bell,marco@juniperbistro.example,Executive Chef,Juniper Bistro,40,Restaurants,Europe/Paris,
        f2,Ines Roy,ines@baygrand.example,Head Chef,Bayview Grand Hotel,300,Hospitality,Europe/Paris,
        f3,Ola Berg,ola@juniperbistro.example,Sous Chef,Juniper Bistro,40,Restaurants,Europe/Paris,
        w1,Dev Rao,dev@millbrook-dist.example,Shift Supervisor,Millbrook Distribution,700,Logistics,America/Chicago,
        m1,Ana Costa,ana@norwoodplastics.example,Plant Manager,Norwood Plastics,450,Manufacturing,America/Detroit,
        m2,Cal Young,cal@redhillmetal.example,Plant Manager,Redhill Metalworks,900,Manufacturing,America/Detroit,
        m3,Ted Gray,ted@norwoodplastics.example,Line Supervisor,Norwood Plastics,450,Manufacturing,America/Detroit,
        x1,Jill Moss,jill@fabrikam.example,Product Manager,Fabrikam Software,200,Software,Europe/Berlin,
        x2,Neil Hart,neil@fabrikam.example,Chief Marketing Officer,Fabrikam Software,200,Software,Europe/Berlin,
        x3,Ruth Bloom,ruth@pinecrest.example,Site Superintendent,Pinecrest Builders,80,Construction,America/Denver,
        x4,Sue Lake,sue@baygrand.example,Head Sommelier,Bayview Grand Hotel,300,Hospitality,Europe/Paris,
        x5,Ken Wolfe,ken@harlowmarket.example,Wine Buyer,Harlow Market,300,Retail,America/New_York,
        """;

    public override async Task InitializeAsync()
    {
        // Imported before the bot starts, so the directory comes from the bot's own start-up load.
        using var file = new TempFile(Members.Replace("\r", "", StringComparison.Ordinal));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Host.TablePrefix,
        }).Build();
        var import = await CliRun.Of(configuration, "import", "--file", file.Path);
        Assert.True(import.ExitCode == 0, import.Stderr);
        await base.InitializeAsync();
    }

    protected override BotHost CreateHost(string hint) =>
        new(hint, new Dictionary<string, string?> { ["Admins:Ids:0"] = "msteams:" + Admin });

    /// <summary>The searches of the issue's report, each with the titles that must come first.</summary>
    internal static readonly (string Query, string[] First)[] Reported =
    [
        ("nurse manager", ["Nurse Manager", "Ward Manager, Elderly Care"]),
        ("principal", ["Headteacher", "Principal"]),
        ("police chief", ["Chief of Police", "Police Chief"]),
        ("store manager", ["Store Manager", "Store Manager"]),
        ("executive chef", ["Executive Chef", "Head Chef"]),
        ("director of nursing", ["Director of Nursing", "Director of Nursing Services"]),
        ("city manager", ["City Manager", "County Administrator"]),
        ("school superintendent", ["Superintendent"]),
        ("plant manager", ["Plant Manager", "Plant Manager"]),
    ];

    [Fact]
    public async Task A_newcomers_searches_return_leaders_of_that_role_first()
    {
        foreach (var (query, first) in Reported)
        {
            var peers = Peers(await ResultsAsync(Newcomer, "findpeer " + query));
            // The role asked for comes first, before any nearby role.
            Assert.True(first.Order().SequenceEqual(peers.Take(first.Length).Select(p => p.Title).Order()),
                $"findpeer {query}: {string.Join(" | ", peers.Select(p => $"{p.Title} ({p.Organization})"))}");
        }

        // A word with several meanings: the reply says which reading was taken and offers the others.
        var principal = await ResultsAsync(Newcomer, "findpeer principal");
        Assert.Contains("I read “principal” as school principal, its most common meaning. For another meaning, pick one below.", Texts(principal));
        var others = principal["actions"]!.AsArray().Where(a => (string?)a!["data"]?["action"] == "findpeer").Select(a => (string)a!["data"]!["query"]!).ToList();
        Assert.Contains(others, q => q.Contains("principal engineer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_newcomers_shift_supervisor_search_finds_supervisors_in_every_area_and_asks_which()
    {
        var card = await ResultsAsync(Newcomer, "findpeer shift supervisor");
        var peers = Peers(card);
        // Every front-line supervisor of the directory is a fit, whatever the area; five of the seven fill the page.
        Assert.Equal(5, peers.Count);
        Assert.All(peers, p => Assert.Contains(p.Title, FrontLine));
        Assert.Contains(Texts(card), t => t.Contains("Which area do you mean?", StringComparison.Ordinal));
        var buttons = card["actions"]!.AsArray().Where(a => (string?)a!["data"]?["action"] == "findpeer").Select(a => (string)a!["data"]!["query"]!).ToList();
        Assert.Contains("shift supervisor retail", buttons);
        Assert.Contains("shift supervisor warehouse", buttons);

        // The button sends the query back as Teams would; the answer is one area's supervisors.
        var retail = await ResultsAsync(Newcomer, new JsonObject { ["action"] = "findpeer", ["query"] = "shift supervisor warehouse" });
        Assert.Equal("Shift Supervisor", Peers(retail)[0].Title);
        Assert.Equal("Millbrook Distribution", Peers(retail)[0].Organization);
    }

    [Fact]
    public async Task A_store_manager_with_a_profile_finds_supervisors_of_other_stores_never_their_own()
    {
        var form = ProfileSubmission(name: "Sam Store", title: "Store Manager", organization: "Harlow Market", headcount: "300");
        form["industry"] = "Retail";
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-store", form), 2);

        var card = await ResultsAsync("u-store", "findpeer shift supervisor");
        var peers = Peers(card);
        Assert.Equal(["Ashford Outfitters", "Kingsbridge Supermarkets"], peers.Take(2).Select(p => p.Organization).Order());
        Assert.DoesNotContain(peers, p => p.Organization == "Harlow Market");
        Assert.Contains("You didn't name an area, so I looked in your own: Retail stores. For another area, pick one below.", Texts(card));
    }

    [Fact]
    public async Task A_title_nobody_taught_the_bot_is_found_by_its_words_counted_for_admins_and_holds_nothing_of_the_asker()
    {
        var card = await ResultsAsync(Newcomer, "findpeer head sommelier");
        Assert.Equal("Head Sommelier", Assert.Single(Peers(card)).Title);
        Assert.Contains(Texts(card), t => t.StartsWith("I don't know that role yet, so I searched titles for these words:", StringComparison.Ordinal));
        await ResultsAsync("u-other", "findpeer head sommelier");

        var stats = await SayAsync(Activities.Message(Connector.ServiceUrl, Admin, "peerbot stats"), 3);
        // The last fact set lists the unread searches (the one before it holds the meeting figures).
        var facts = stats[^1].Card!["body"]!.AsArray().Last(e => (string?)e!["type"] == "FactSet")!["facts"]!.AsArray();
        Assert.Equal(("head sommelier", "2"), ((string)facts[0]!["title"]!, (string)facts[0]!["value"]!));

        // Counts reach storage only when flushed, off the turn; the row holds the words and a number.
        await Host.Services.GetRequiredService<UnreadQueries>().FlushAsync(CancellationToken.None);
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(new TableNames(Host.TablePrefix).UnreadQueries);
        var row = Assert.Single(await ToListAsync(table.QueryAsync<TableEntity>()));
        Assert.Equal(["Count", "PartitionKey", "RowKey", "Timestamp", "Words", "odata.etag"], row.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("head sommelier", 2), (row.GetString("Words"), row.GetInt32("Count")));
        Assert.DoesNotContain(Newcomer, string.Join(" ", row.Select(p => p.Value)), StringComparison.Ordinal);
    }

    private async Task<JsonObject> ResultsAsync(string user, string text)
    {
        var reply = await ReplyContainingAsync(Activities.Message(Connector.ServiceUrl, user, text), "Peers for");
        return reply.Card!;
    }

    private async Task<JsonObject> ResultsAsync(string user, JsonObject submit)
    {
        var reply = await ReplyContainingAsync(Activities.Submit(Connector.ServiceUrl, user, submit), $"Peers for “{submit["query"]}”");
        return reply.Card!;
    }

    private static List<(string Name, string Title, string Organization)> Peers(JsonObject card) =>
        [.. card["body"]!.AsArray().Where(e => (string?)e!["type"] == "Container").Select(c =>
        {
            var items = c!["items"]!.AsArray();
            var titleAndOrganization = ((string)items[1]!["text"]!).Split(" · ");
            return ((string)items[0]!["text"]!, titleAndOrganization[0], titleAndOrganization[1]);
        })];

    private static List<string> Texts(JsonObject card) =>
        [.. card["body"]!.AsArray().Where(e => (string?)e!["type"] == "TextBlock").Select(e => (string)e!["text"]!)];

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
