// The façade's vocabulary: what a Swift user of `Scour` (and the `scour`
// command and server) needs besides ``SearchIndex`` and ``Indexer``,
// without importing the layers beneath.
@_exported import struct ScourSearch.SearchOptions
@_exported import struct ScourSearch.SearchResults
@_exported import struct ScourSearch.SearchHit
@_exported import enum ScourSearch.SearchError
@_exported import struct ScourSearch.Snippet
@_exported import struct ScourSearch.RelevanceFeedback
@_exported import struct ScourSearch.BM25F
@_exported import struct ScourIndex.StoredDocument
@_exported import enum ScourIndex.IndexError
@_exported import struct ScourAnalysis.AnalyzerConfiguration
@_exported import enum ScourSearch.QueryNode
@_exported import struct ScourSearch.TermQuery
@_exported import struct ScourSearch.PhraseQuery
@_exported import struct ScourSearch.BooleanQuery
@_exported import struct ScourSearch.SiteQuery
@_exported import enum ScourSearch.QueryField
@_exported import enum ScourSearch.QueryLanguageParser
@_exported import struct ScourSearch.SearchFacets
@_exported import enum ScourIndex.PublicationDate
