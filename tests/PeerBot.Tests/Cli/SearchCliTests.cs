namespace PeerBot.Tests.Cli;

public sealed class SearchCliTests : IDisposable
{
    private const string Header = "id,name,email,title,organization,org_size,industry,timezone,topics\n";

    private readonly TempFile _members = new(Header + """
        m1,Ana Silva,ana@contoso.com,"Vice President, Marketing",Contoso,300,Fintech,Europe/Lisbon,pricing;brand
        m2,"Bo ""BJ"" Jensen",bo@fabrikam.com,VP Growth Marketing,Fabrikam,250,Fintech,UTC,pricing
        m3,Cai Lun,cai@northwind.com,CMO,Northwind,4000,Retail,UTC,
        m4,Dee Park,dee@contoso.com,Head of Marketing,Contoso,300,Fintech,UTC,
        m5,Eli Cohen,eli@tailspin.com,VP Engineering,Tailspin,220,SaaS,UTC,
        m6,Fay Wong,fay@litware.com,"Marketing Manager, EMEA",Litware,300,Fintech,UTC,pricing

        """);

    public void Dispose() => _members.Dispose();

    [Fact]
    public async Task Json_output_is_exactly_the_array_best_first()
    {
        var run = await CliRun.Of("search", "--directory", _members.Path, "--query", "VP marketing", "--as", "m1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """[{"id":"m2","name":"Bo \"BJ\" Jensen","title":"VP Growth Marketing","organization":"Fabrikam","score":1.11,"reason":"Same role · similar size (201–500) · shared topic: pricing · same industry (Fintech)"},"""
            + """{"id":"m3","name":"Cai Lun","title":"CMO","organization":"Northwind","score":0.47,"reason":"Same function, two levels apart (C-level)"}]""" + "\n",
            run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Text_output_lists_matches_with_their_reasons()
    {
        var run = await CliRun.Of("search", "--directory", _members.Path, "--query", "V.P. of Mktg", "--as", "m1");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            Looking for: VP · Marketing
            1. Bo "BJ" Jensen — VP Growth Marketing, Fabrikam [m2] score 1.11
               Same role · similar size (201–500) · shared topic: pricing · same industry (Fintech)
            2. Cai Lun — CMO, Northwind [m3] score 0.47
               Same function, two levels apart (C-level)

            """, run.Stdout);
    }

    [Fact]
    public async Task Without_as_nobody_is_excluded()
    {
        var run = await CliRun.Of("search", "--directory", _members.Path, "--query", "marketing director", "--json", "--top", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("""[{"id":"m4","name":"Dee Park","title":"Head of Marketing","organization":"Contoso","score":1,"reason":"Same role"},""", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Queries_file_prints_one_json_line_per_query_in_order()
    {
        using var queries = new TempFile("CMO\nVP engineering\n\nrockstar ninja\nVP marketing\n", ".txt");
        var run = await CliRun.Of("search", "--directory", _members.Path, "--queries", queries.Path, "--as", "m1");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Equal("", lines[5]);
        Assert.StartsWith("""[{"id":"m3",""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""[{"id":"m5",""", lines[1], StringComparison.Ordinal);
        Assert.Equal("[]", lines[2]);
        Assert.Equal("[]", lines[3]);
        Assert.StartsWith("""[{"id":"m2",""", lines[4], StringComparison.Ordinal);
        Assert.Equal(["query 4: I couldn't tell which role you mean. Try a title such as “VP marketing”, “Head of sales” or “CFO”."], run.StderrLines);
    }

    [Fact]
    public async Task Json_mode_keeps_messages_off_stdout()
    {
        var run = await CliRun.Of("search", "--directory", _members.Path, "--query", "rockstar ninja", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]\n", run.Stdout);
        Assert.StartsWith("I couldn't tell which role you mean.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_and_skipped_and_quoting_follows_rfc_4180()
    {
        using var file = new TempFile(Header + """"
            ok1,"Ann, the first",ann@a.com,"Director, Sales",A,10,,,
            ok2,Bob,bob@b.com,"Head of
            Sales",B,"1,200",,,
            bad1,Cy,cy@c.com,VP Sales,C,lots,,,
            bad2,Di,di@d.com,VP "Sales",D,10,,,
            bad3,Ed,ed@e.com,VP Sales,E,10
            ok3,Fi,,"VP Sales, ""Global""",F,,,,
            ,Gus,g@g.com,VP Sales,G,10,,,
            bad5,Hal,not-an-email,VP Sales,H,10,,,
            """");
        var run = await CliRun.Of("search", "--directory", file.Path, "--query", "sales director", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "line 5: org_size 'lots' is not a headcount; row skipped",
            "line 6: a quote inside an unquoted field (quote the whole field and double the quote); row skipped",
            "line 7: expected 9 fields, found 6; row skipped",
            "line 9: id is empty; row skipped",
            "line 10: email 'not-an-email' is not an address; row skipped",
        ], run.StderrLines);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var results = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["ok1", "ok2"], results.Take(2).Select(r => r.GetProperty("id").GetString()).Order());
        Assert.Equal("Ann, the first", results.Single(r => r.GetProperty("id").GetString() == "ok1").GetProperty("name").GetString());
        Assert.Equal("Head of\nSales", results.Single(r => r.GetProperty("id").GetString() == "ok2").GetProperty("title").GetString());
        Assert.Equal("ok3", results[2].GetProperty("id").GetString());
        Assert.Equal("VP Sales, \"Global\"", results[2].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_stray_quote_costs_only_its_own_line()
    {
        // An odd quote in an unquoted field: the CSV reader would read on into the next lines; they are read again.
        using var file = new TempFile(Header + "ok1,Ann,,CFO,A,10,,,\nbad,Bob,,5\" screens CFO,B,10,,,\nok2,Cy,,CFO,C,10,,,\nok3,Di,,\"CFO\",D,10,,,\n");
        var run = await CliRun.Of("search", "--directory", file.Path, "--query", "CFO", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["line 3: a quote inside an unquoted field (quote the whole field and double the quote); row skipped"], run.StderrLines);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal(["ok1", "ok2", "ok3"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task A_repeated_id_is_reported_with_both_lines_and_the_later_row_wins()
    {
        using var file = new TempFile(Header + "a,Ann,,CFO,A,10,,,\nb,Bob,,CFO,B,10,,,\na,Ann,,VP Sales,A,10,,,\n");
        var run = await CliRun.Of("search", "--directory", file.Path, "--query", "CFO", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["line 4: id a repeats line 2; the later row wins."], run.StderrLines);
        Assert.Equal(["b"], System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).Take(1));
        Assert.DoesNotContain("\"id\":\"a\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unclosed_quote_is_a_bad_row_not_a_crash()
    {
        using var file = new TempFile(Header + "ok,Ann,,CFO,A,10,,,\nbad,\"Bob,,CFO,B,10,,,\nlost,Cy,,CFO,C,10,,,\n");
        var run = await CliRun.Of("search", "--directory", file.Path, "--query", "CFO", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["line 3: a quoted field is never closed; row skipped"], run.StderrLines);
        Assert.Contains("\"id\":\"ok\"", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "search", "--query", "x" }, "search needs --directory. Run 'help' for usage.")]
    [InlineData(new[] { "search", "--directory", "/no/such/members.csv", "--query", "x" }, "/no/such/members.csv: no such file.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query", "x", "--top", "0" }, "--top must be a whole number from 1 to 100; got '0'.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query", "x", "--top", "many" }, "--top must be a whole number from 1 to 100; got 'many'.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query", "x", "--as", "nobody" }, "--as nobody: no member with that id in DIR.")]
    [InlineData(new[] { "search", "--directory", "DIR" }, "search needs exactly one of --query TEXT or --queries FILE.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query", "x", "--queries", "y" }, "search needs exactly one of --query TEXT or --queries FILE.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query" }, "--query needs a value.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query", "x", "--color" }, "Unknown option --color for search. Run 'help' for usage.")]
    [InlineData(new[] { "search", "--directory", "DIR", "--query", "x", "--json", "--json" }, "--json is given twice.")]
    [InlineData(new[] { "import" }, "import needs --file. Run 'help' for usage.")]
    [InlineData(new[] { "serch", "--query", "x" }, "Unknown command 'serch'. Commands: import, search, help.")]
    public async Task Bad_arguments_get_one_line_and_exit_code_2(string[] args, string message)
    {
        var run = await CliRun.Of([.. args.Select(a => a == "DIR" ? _members.Path : a)]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(message.Replace("DIR", _members.Path, StringComparison.Ordinal) + "\n", run.Stderr);
    }

    [Theory]
    [InlineData("name,id\nx,y\n", "expected the header id,name,email,title,organization,org_size,industry,timezone,topics; found name,id.")]
    [InlineData("", "empty file; expected the header id,name,email,title,organization,org_size,industry,timezone,topics.")]
    public async Task A_bad_file_gets_one_line_and_exit_code_2(string content, string problem)
    {
        using var file = new TempFile(content);
        var run = await CliRun.Of("search", "--directory", file.Path, "--query", "CFO");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{file.Path}: {problem}\n", run.Stderr);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_a_bad_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "peerbot-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllBytesAsync(path, [.. System.Text.Encoding.UTF8.GetBytes(Header), 0x61, 0xFF, 0xFE, 0x0A]);
        try
        {
            var run = await CliRun.Of("search", "--directory", path, "--query", "CFO");
            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"{path}: not UTF-8 text.\n", run.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Anything_but_a_verb_lets_the_web_host_start()
    {
        string[][] hostArguments = [[], ["--urls", "http://localhost:5000"], ["Storage:TablePrefix=x"]];
        foreach (var args in hostArguments)
        {
            var run = await CliRun.Of(args);
            Assert.Null(run.ExitCode);
            Assert.Equal("", run.Stdout + run.Stderr);
        }
    }

    [Fact]
    public async Task Help_prints_usage()
    {
        var run = await CliRun.Of("help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("search --directory members.csv", run.Stdout, StringComparison.Ordinal);
    }
}
