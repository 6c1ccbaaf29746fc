using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>
/// The keyword baseline: Lucene.Net BM25 over profile titles (standard analyzer, every query word an
/// optional term). It is what "search the titles" would give without a role model.
/// </summary>
public sealed class Bm25Titles : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly RAMDirectory _index = new();
    private readonly Analyzer _analyzer = new StandardAnalyzer(Version);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    /// <param name="titles">Titles in profile order; a hit is reported by its position in this list.</param>
    public Bm25Titles(IEnumerable<string> titles)
    {
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(_index, config))
        {
            var position = 0;
            var field = new TextField("title", "", Field.Store.NO);
            var number = new StoredField("position", 0);
            var document = new Document { field, number };
            foreach (var title in titles)
            {
                field.SetStringValue(title);
                number.SetInt32Value(position++);
                writer.AddDocument(document);
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_index);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Positions of the best <paramref name="count"/> titles for the query, best first.</summary>
    public IReadOnlyList<int> Search(string query, int count)
    {
        var terms = new BooleanQuery();
        using (var tokens = _analyzer.GetTokenStream("title", query))
        {
            var term = tokens.AddAttribute<ICharTermAttribute>();
            tokens.Reset();
            while (tokens.IncrementToken())
            {
                terms.Add(new TermQuery(new Term("title", term.ToString())), Occur.SHOULD);
            }
            tokens.End();
        }
        if (terms.Clauses.Count == 0)
        {
            return [];
        }
        var hits = _searcher.Search(terms, count).ScoreDocs;
        var positions = new int[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            positions[i] = _searcher.Doc(hits[i].Doc).GetField("position").GetInt32Value() ?? -1;
        }
        return positions;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _index.Dispose();
    }
}
