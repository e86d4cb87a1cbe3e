package io.tealdb;
final class Placeholder {}
