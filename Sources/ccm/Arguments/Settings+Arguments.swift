import ArgumentParser
import CCMApp
import CCMCore

/// `--mediu PRODUCTIE|TEST`.
extension Environment: ExpressibleByArgument {}

/// `--signatures required|off`.
extension Settings.SignatureMode: ExpressibleByArgument {}

/// `signers request --rol REPREZENTANT_LEGAL|UTILIZATOR`.
extension SignerRole: ExpressibleByArgument {}
