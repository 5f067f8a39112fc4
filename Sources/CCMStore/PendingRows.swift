import CCMCore

/// The rows a writer holds that the database does not answer for yet, found by what the
/// database's indexes find written rows by (`CertificateWriter.PendingKey`): each key's rows are
/// a list threaded through one array, so that a key costs one dictionary entry and no array of
/// its own (three or four keys a certificate, on the judging thread's path).
struct PendingRows {
    private(set) var known: [KnownCertificate] = []
    /// A key's last entry in `links`.
    private var heads: [CertificateWriter.PendingKey: Int32] = [:]
    /// Each entry: its row in `known`, and the key's entry before it (-1: none).
    private var links: [(row: Int32, next: Int32)] = []

    var isEmpty: Bool { known.isEmpty }

    mutating func add(_ k: KnownCertificate, serie: String, numar: String, cnp: String, cnpCopil: String?) {
        let row = Int32(truncatingIfNeeded: known.count)
        known.append(k)
        // A batch's first row: room for a small document's keys at once, not grown step by step.
        if heads.isEmpty { heads.reserveCapacity(256) }
        CertificateWriter.eachKey(serie: serie, numar: numar, chain: k.chainKey, cnp: cnp, cnpCopil: cnpCopil) { key in
            let entry = Int32(truncatingIfNeeded: links.count)
            links.append((row, heads.updateValue(entry, forKey: key) ?? -1))
        }
    }

    /// The rows sharing a number, chain, insured or child with these, each once, in the order
    /// they were added.
    func neighbours(serie: String, numar: String, chain: ChainKey, cnp: String, cnpCopil: String?) -> [KnownCertificate] {
        guard !known.isEmpty else { return [] }
        var hits: [Int32] = []
        func look(_ key: CertificateWriter.PendingKey) {
            var e = heads[key] ?? -1
            while e >= 0 { hits.append(links[Int(e)].row); e = links[Int(e)].next }
        }
        // The chain's initial is found by its number, its continuations by the chain key.
        CertificateWriter.eachKey(serie: serie, numar: numar, chain: chain, cnp: cnp, cnpCopil: cnpCopil, look)
        look(.number(chain.serie, chain.numar))
        guard !hits.isEmpty else { return [] }
        hits.sort()
        var out: [KnownCertificate] = []
        for (n, i) in hits.enumerated() where n == 0 || hits[n - 1] != i { out.append(known[Int(i)]) }
        return out
    }

    mutating func removeAll() {
        known.removeAll(keepingCapacity: true)
        heads.removeAll(keepingCapacity: true)
        links.removeAll(keepingCapacity: true)
    }
}
