import CLibXML2

/// The element and attribute names the builder acts on; each case is spelled as in the XSD.
enum Name: Int, CaseIterable {
    // Elements.
    case RaportareCCM, Furnizor, Certificate, Certificat, Totaluri, Signature
    case Serie, Numar, DataAcordarii, Tip, Medic, LocPrescriere, Asigurat, CodIndemnizatie, CodDiagnostic
    case CodUrgenta, CodBoalaInfecto, CnpCopil, Motiv, Perioada, CertificatInitial, Angajator, AvizMedicExpert
    // Attributes.
    case versiune, tip, luna, idDocument, dataGenerare, mediu, cui, casa, nrConventie, denumire, email
    case nrCertificate, totalZile, operatie, parafa, nume, prenume, cnp, inceput, sfarsit, zile
    case serie, numar, dataAcordarii, data

    var spelling: String { Name.spellings[rawValue] }
    private static let spellings = Name.allCases.map { String(describing: $0) }

    /// Values whose XSD types strip white space before checking: the only place it is caught.
    var trimmedByXSD: Bool {
        switch self {
        case .luna, .dataGenerare, .nrCertificate, .totalZile, .zile, .CodUrgenta, .CodBoalaInfecto: return true
        default: return false
        }
    }
}

/// Finds a `Name` by the pointer libxml2's reader hands out: the reader keeps element and
/// attribute names in its dictionary, so a name is one pointer for the whole read and a match
/// costs a comparison, not a String. A pointer it does not know (a name outside `Name`, or one
/// not taken from the dictionary) is compared by its bytes.
struct NameTable {
    private static let size = 128
    private var keys = [UnsafePointer<xmlChar>?](repeating: nil, count: NameTable.size)
    private var names = [Name](repeating: .RaportareCCM, count: NameTable.size)
    /// NUL-terminated spellings, for the comparison by bytes.
    private static let cStrings: [[UInt8]] = Name.allCases.map { Array($0.spelling.utf8) + [0] }

    init(reader: xmlTextReaderPtr) {
        for name in Name.allCases {
            let interned = NameTable.cStrings[name.rawValue].withUnsafeBufferPointer { xmlTextReaderConstString(reader, $0.baseAddress) }
            guard let interned else { continue }
            var i = NameTable.slot(interned)
            while keys[i] != nil && keys[i] != interned { i = (i + 1) & (NameTable.size - 1) }
            keys[i] = interned
            names[i] = name
        }
    }

    private static func slot(_ p: UnsafePointer<xmlChar>) -> Int {
        Int(truncatingIfNeeded: ((UInt(bitPattern: p) >> 3) &* 0x9E37_79B9_7F4A_7C15) >> 57) & (size - 1)
    }

    func name(_ p: UnsafePointer<xmlChar>) -> Name? {
        var i = NameTable.slot(p)
        while let k = keys[i] {
            if k == p { return names[i] }
            i = (i + 1) & (NameTable.size - 1)
        }
        for name in Name.allCases where NameTable.same(p, NameTable.cStrings[name.rawValue]) { return name }
        return nil
    }

    private static func same(_ p: UnsafePointer<xmlChar>, _ spelling: [UInt8]) -> Bool {
        spelling.withUnsafeBufferPointer { b in b.baseAddress.map { xmlStrEqual(p, $0) != 0 } ?? false }
    }
}
